public import Hummingbird

/// The console's routes: the JSON API under `/api/` and the pages.
public enum ConsoleRouter {
    /// A router with the session middleware, the API and the pages.
    public static func build(backend: ConsoleBackend, sessions: ConsoleSessions) -> Router<ConsoleRequestContext> {
        let router = Router(context: ConsoleRequestContext.self)
        router.add(middleware: SessionMiddleware(sessions: sessions))
        ConsoleAPI(backend: backend, sessions: sessions).register(on: router)
        ConsolePages.register(on: router, backend: backend, sessions: sessions)
        return router
    }
}
