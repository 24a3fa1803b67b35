public import Hummingbird

/// The request context of every console route: Hummingbird's core storage plus the session
/// the session middleware found (or `nil` when nobody is signed in).
public struct ConsoleRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The signed-in session, if any.
    public var session: ConsoleSession?

    /// Creates a context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        session = nil
    }

    /// The signed-in session; a 401 error when nobody is signed in.
    public func requireSession() throws(ConsoleAPIError) -> ConsoleSession {
        guard let session else { throw ConsoleAPIError.unauthorized("sign in first: POST /api/session with a Kubernetes bearer token") }
        return session
    }

    /// The signed-in user; a 401 error when nobody is signed in.
    public func requireUser() throws(ConsoleAPIError) -> ConsoleUser {
        try requireSession().user
    }
}
