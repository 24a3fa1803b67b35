import Foundation
public import KubeCore

extension AuthReviews {
    /// The shortest token lifetime a TokenRequest may ask for, as in Kubernetes.
    public static let minimumTokenSeconds = 600
    /// The lifetime of a token requested without `spec.expirationSeconds`.
    public static let defaultTokenSeconds = 3600

    /// Issues a token for the service account `serviceAccount` in `namespace`
    /// (POST `serviceaccounts/<name>/token`, `kubectl create token`): the TokenRequest comes
    /// back with `status.token` and `status.expirationTimestamp`. 404 when the account does
    /// not exist.
    public func tokenRequest(_ request: KubeObject, namespace: String, serviceAccount: String) throws(KubeAPIError) -> KubeObject {
        guard let account = authenticator.object("serviceaccounts", namespace: namespace, name: serviceAccount) else {
            throw KubeAPIError.notFound(GroupResource(group: "", resource: "serviceaccounts"), name: serviceAccount)
        }
        let seconds = request[path: "spec", "expirationSeconds"]?.intValue ?? Self.defaultTokenSeconds
        guard seconds >= Self.minimumTokenSeconds else {
            throw Self.invalid("TokenRequest", field: "spec.expirationSeconds", message: "may not specify a duration less than 10 minutes")
        }
        var audiences = request[path: "spec", "audiences"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if audiences.isEmpty { audiences = Authenticator.defaultAudiences }

        let now = Date()
        let issued = authenticator.issueServiceAccountToken(
            namespace: namespace, name: serviceAccount, uid: account.uid ?? "", expirationSeconds: seconds,
            audiences: audiences, issuedAt: now)

        var answered = Self.response(to: request, kind: "TokenRequest", apiVersion: Self.authenticationAPIVersion)
        answered.name = serviceAccount
        answered.namespace = namespace
        answered.creationTimestamp = Self.timestamp(now)
        answered[path: "spec", "audiences"] = .array(audiences.map(JSONValue.string))
        answered[path: "spec", "expirationSeconds"] = .int(Int64(seconds))
        if answered[path: "spec", "boundObjectRef"] == nil { answered[path: "spec", "boundObjectRef"] = .null }
        answered.status = ["token": .string(issued.token), "expirationTimestamp": .string(Self.timestamp(issued.expiration))]
        return answered
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!))
    }
}
