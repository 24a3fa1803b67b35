public import Foundation
import KubeCore

extension Authenticator {
    /// A token for the service account `name` (with `uid`) in `namespace`, valid for
    /// `expirationSeconds` from `issuedAt` and for `audiences`, with its expiry time.
    public func issueServiceAccountToken(
        namespace: String, name: String, uid: String, expirationSeconds: Int = 3600,
        audiences: [String] = Authenticator.defaultAudiences, issuedAt: Date = Date()
    ) -> (token: String, expiration: Date) {
        let issued = Int64(issuedAt.timeIntervalSince1970)
        let expiry = issued + Int64(expirationSeconds)
        let claims: JSONValue = [
            "aud": .array(audiences.map(JSONValue.string)),
            "exp": .int(expiry),
            "iat": .int(issued),
            "nbf": .int(issued),
            "iss": .string(issuer),
            "jti": .string(UUID().uuidString.lowercased()),
            "kubernetes.io": [
                "namespace": .string(namespace),
                "serviceaccount": ["name": .string(name), "uid": .string(uid)],
            ],
            "sub": .string(ServiceAccountName.userName(namespace: namespace, name: name)),
        ]
        return (signer.sign(claims), Date(timeIntervalSince1970: TimeInterval(expiry)))
    }

    /// The long-lived token a legacy `kubernetes.io/service-account-token` Secret carries in
    /// `data.token`; it authenticates while that Secret holds it and the account exists.
    public func legacyServiceAccountToken(namespace: String, serviceAccountName: String, serviceAccountUID: String, secretName: String) -> String {
        let claims: JSONValue = [
            "iss": .string(Authenticator.legacyIssuer),
            "kubernetes.io/serviceaccount/namespace": .string(namespace),
            "kubernetes.io/serviceaccount/secret.name": .string(secretName),
            "kubernetes.io/serviceaccount/service-account.name": .string(serviceAccountName),
            "kubernetes.io/serviceaccount/service-account.uid": .string(serviceAccountUID),
            "sub": .string(ServiceAccountName.userName(namespace: namespace, name: serviceAccountName)),
        ]
        return signer.sign(claims)
    }
}
