import KubeClient
import KubeCore

/// Who a token belongs to, as the host cluster says.
struct UserIdentity: Sendable {
    var name: String
    var groups: [String]

    static let selfSubjectReviews = GroupVersionResource(group: "authentication.k8s.io", version: "v1", resource: "selfsubjectreviews")
    static let selfSubjectAccessReviews = GroupVersionResource(group: "authorization.k8s.io", version: "v1", resource: "selfsubjectaccessreviews")

    /// Asks the host cluster who `client`'s token belongs to (SelfSubjectReview). Clusters
    /// older than 1.28 lack that API; there a SelfSubjectAccessReview still proves the token
    /// is valid, without a name.
    static func review(_ client: KubeClient) async throws -> UserIdentity {
        do {
            let review = KubeObject(apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview", name: "")
            let answer = try await client.create(selfSubjectReviews, review)
            let info = answer["status"]?["userInfo"]
            let name = info?["username"]?.stringValue ?? "unknown user"
            let groups = info?["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return UserIdentity(name: name, groups: groups)
        } catch let error as KubeAPIError where error.code == 404 {
            _ = try await AccessCheck.allowed(client, verb: "get", group: "", resource: "namespaces", namespace: nil)
            return UserIdentity(name: "token user", groups: [])
        }
    }
}

/// SelfSubjectAccessReview: whether the client's user may do something.
enum AccessCheck {
    static func allowed(_ client: KubeClient, verb: String, group: String, resource: String, namespace: String?) async throws -> Bool {
        var attributes: JSONObject = ["verb": .string(verb), "group": .string(group), "resource": .string(resource)]
        if let namespace { attributes["namespace"] = .string(namespace) }
        var review = KubeObject(apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", name: "")
        review["spec"] = ["resourceAttributes": .object(attributes)]
        let answer = try await client.create(UserIdentity.selfSubjectAccessReviews, review)
        return answer["status"]?["allowed"]?.boolValue ?? false
    }
}
