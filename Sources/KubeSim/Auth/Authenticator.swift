import Crypto
public import Foundation
import KubeCore
public import KubeSimStorage

/// Turns bearer tokens into users: the cluster's admin token, static user tokens,
/// service-account tokens this cluster issued, and legacy service-account token Secrets.
public final class Authenticator: Sendable {
    /// The issuer written into and required of service-account tokens.
    public static let defaultIssuer = "https://kubernetes.default.svc.cluster.local"
    /// The audience of tokens requested without one.
    public static let defaultAudiences = [defaultIssuer]
    /// The issuer of legacy (Secret-held) service-account tokens, as Kubernetes writes it.
    public static let legacyIssuer = "kubernetes/serviceaccount"
    /// The Secret type that carries a legacy service-account token.
    public static let serviceAccountTokenSecretType = "kubernetes.io/service-account-token"
    /// The user the admin token authenticates as.
    public static let adminUser = UserInfo(name: "kubernetes-admin", uid: "kubernetes-admin", groups: ["system:masters", "system:authenticated"])

    let store: ObjectStore
    let signer: TokenSigner
    let issuer: String
    private let staticUsers: [String: UserInfo]

    /// Creates an authenticator.
    ///
    /// - Parameters:
    ///   - store: where service accounts and token Secrets are looked up.
    ///   - adminToken: the token that authenticates as ``adminUser``.
    ///   - signingKey: the cluster's secret key for service-account tokens (see
    ///     ``generateSigningKey()``); persist it to keep issued tokens valid across restarts.
    ///   - staticUsers: further tokens and the users they authenticate as.
    ///   - issuer: the `iss` of issued tokens.
    public init(store: ObjectStore, adminToken: String, signingKey: [UInt8], staticUsers: [String: UserInfo] = [:], issuer: String = Authenticator.defaultIssuer) {
        self.store = store
        self.signer = TokenSigner(key: signingKey)
        self.issuer = issuer
        var users = staticUsers
        users[adminToken] = Self.adminUser
        self.staticUsers = users
    }

    /// A new random 256-bit signing key.
    public static func generateSigningKey() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// The user `token` authenticates as, or `nil` when it is unknown, forged, expired, or
    /// names a service account that no longer exists.
    public func authenticate(token: String) -> UserInfo? {
        authenticateWithAudiences(token: token)?.user
    }

    /// The user `token` authenticates as and the audiences the token is valid for.
    public func authenticateWithAudiences(token: String, now: Date = Date()) -> (user: UserInfo, audiences: [String])? {
        guard !token.isEmpty else { return nil }
        if let user = staticUsers[token] { return (user, Self.defaultAudiences) }
        if let claims = signer.verify(token) {
            if claims["iss"]?.stringValue == issuer { return boundTokenUser(claims, now: now) }
            if claims["iss"]?.stringValue == Self.legacyIssuer, let user = legacySecretUser(token: token, claims: claims) {
                return (user, Self.defaultAudiences)
            }
            return nil
        }
        return secretHeldTokenUser(token).map { ($0, Self.defaultAudiences) }
    }

    private func boundTokenUser(_ claims: JSONValue, now: Date) -> (user: UserInfo, audiences: [String])? {
        guard let expiry = claims["exp"]?.doubleValue, now.timeIntervalSince1970 < expiry else { return nil }
        if let notBefore = claims["nbf"]?.doubleValue, now.timeIntervalSince1970 + 60 < notBefore { return nil }
        guard let namespace = claims[path: ["kubernetes.io", "namespace"]]?.stringValue,
            let name = claims[path: ["kubernetes.io", "serviceaccount", "name"]]?.stringValue,
            let uid = claims[path: ["kubernetes.io", "serviceaccount", "uid"]]?.stringValue,
            serviceAccountExists(namespace: namespace, name: name, uid: uid)
        else { return nil }
        let audiences = claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? claims["aud"]?.stringValue.map { [$0] } ?? []
        return (Self.serviceAccountUser(namespace: namespace, name: name, uid: uid), audiences)
    }

    /// A legacy token is valid while its Secret still holds it and its service account exists.
    private func legacySecretUser(token: String, claims: JSONValue) -> UserInfo? {
        guard let namespace = claims["kubernetes.io/serviceaccount/namespace"]?.stringValue,
            let secretName = claims["kubernetes.io/serviceaccount/secret.name"]?.stringValue,
            let secret = object("secrets", namespace: namespace, name: secretName)
        else { return nil }
        return userForTokenSecret(secret, token: token)
    }

    /// Tokens written into token Secrets by hand (not signed here) are found by looking.
    private func secretHeldTokenUser(_ token: String) -> UserInfo? {
        guard let definition = definition("secrets"), let secrets = try? store.list(definition, namespace: nil).items else { return nil }
        for secret in secrets where secret["type"]?.stringValue == Self.serviceAccountTokenSecretType {
            if let user = userForTokenSecret(secret, token: token) { return user }
        }
        return nil
    }

    private func userForTokenSecret(_ secret: KubeObject, token: String) -> UserInfo? {
        guard secret["type"]?.stringValue == Self.serviceAccountTokenSecretType,
            let encoded = secret[path: "data", "token"]?.stringValue,
            let stored = Data(base64Encoded: encoded), stored == Data(token.utf8),
            let namespace = secret.namespace,
            let accountName = secret.annotations["kubernetes.io/service-account.name"],
            let account = object("serviceaccounts", namespace: namespace, name: accountName)
        else { return nil }
        if let expectedUID = secret.annotations["kubernetes.io/service-account.uid"], expectedUID != account.uid { return nil }
        return Self.serviceAccountUser(namespace: namespace, name: accountName, uid: account.uid ?? "")
    }

    private func serviceAccountExists(namespace: String, name: String, uid: String) -> Bool {
        guard let account = object("serviceaccounts", namespace: namespace, name: name) else { return false }
        return account.uid == uid && account.deletionTimestamp == nil
    }

    func definition(_ resource: String) -> ResourceDefinition? {
        store.registry.definition(for: GroupResource(group: "", resource: resource))
    }

    func object(_ resource: String, namespace: String, name: String) -> KubeObject? {
        guard let definition = definition(resource) else { return nil }
        return try? store.get(definition, namespace: namespace, name: name)
    }

    /// The user of the service account `name` in `namespace`.
    public static func serviceAccountUser(namespace: String, name: String, uid: String) -> UserInfo {
        UserInfo(name: ServiceAccountName.userName(namespace: namespace, name: name), uid: uid, groups: ServiceAccountName.groups(namespace: namespace))
    }
}
