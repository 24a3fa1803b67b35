public import Foundation

/// One signed-in session: its user, its CSRF token and when it ends.
public struct ConsoleSession: Sendable {
    /// The random identifier the `ferry_session` cookie carries.
    public var id: String
    /// The token unsafe requests must send back (form field `csrf_token` or header `X-CSRF-Token`).
    public var csrfToken: String
    /// Who is signed in.
    public var user: ConsoleUser
    /// When the session ends.
    public var expires: Date
    /// Whether the session came from an `Authorization: Bearer` header rather than a cookie;
    /// such requests carry no ambient credentials and need no CSRF token.
    public var isBearer: Bool

    /// Creates a session.
    public init(id: String, csrfToken: String, user: ConsoleUser, expires: Date, isBearer: Bool = false) {
        self.id = id
        self.csrfToken = csrfToken
        self.user = user
        self.expires = expires
        self.isBearer = isBearer
    }
}
