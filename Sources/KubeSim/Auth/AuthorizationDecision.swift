/// The answer of an authorizer.
public struct AuthorizationDecision: Sendable, Hashable {
    /// Whether the request may proceed.
    public var allowed: Bool
    /// Why, for logs and access reviews; names the granting binding when allowed.
    public var reason: String

    /// Creates a decision.
    public init(allowed: Bool, reason: String) {
        self.allowed = allowed
        self.reason = reason
    }

    /// A decision that lets the request through.
    public static func allow(_ reason: String) -> AuthorizationDecision {
        AuthorizationDecision(allowed: true, reason: reason)
    }

    /// A decision that expresses no opinion: RBAC never denies explicitly, it only fails to allow.
    public static let noOpinion = AuthorizationDecision(allowed: false, reason: "")
}
