import Hummingbird
import KubeCore
import KubeSimAuth
import KubeSimStorage

extension APIServer {
    /// Whether `call` creates one of the review resources that are answered, never stored.
    static func isReview(_ call: ResourceCall) -> Bool {
        ["authentication.k8s.io", "authorization.k8s.io"].contains(call.definition.group) && call.verb == "create"
    }

    /// Answers TokenReview, SelfSubjectReview and the access reviews.
    func review(_ call: ResourceCall, user: UserInfo) throws -> Response {
        let request = call.body.isEmpty ? KubeObject() : try decodeBody(call)
        let answer: KubeObject
        switch call.definition.resource {
        case "selfsubjectreviews": answer = reviews.selfSubjectReview(request, user: user)
        case "selfsubjectaccessreviews": answer = try reviews.selfSubjectAccessReview(request, user: user)
        case "selfsubjectrulesreviews": answer = try reviews.selfSubjectRulesReview(request, user: user)
        case "subjectaccessreviews": answer = try reviews.subjectAccessReview(request)
        case "localsubjectaccessreviews": answer = try reviews.localSubjectAccessReview(request, namespace: call.path.namespace ?? "")
        case "tokenreviews": answer = try reviews.tokenReview(request)
        default: throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        return APIResponse.object(answer, code: 201)
    }

    /// TokenRequest for a service account (`kubectl create token`).
    func createToken(_ call: ResourceCall, user: UserInfo) async throws -> Response {
        let request = call.body.isEmpty ? KubeObject() : try decodeBody(call)
        let answer = try reviews.tokenRequest(request, namespace: call.path.namespace ?? "", serviceAccount: call.path.name ?? "")
        return APIResponse.object(answer, code: 201)
    }
}
