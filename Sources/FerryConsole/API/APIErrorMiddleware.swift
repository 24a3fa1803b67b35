public import Hummingbird

/// Turns every failure of an API route into ``ConsoleAPIError``'s JSON body with the right
/// status, so no Kubernetes or decoding error reaches the client as a bare 500.
public struct APIErrorMiddleware: RouterMiddleware {
    /// The console's request context.
    public typealias Context = ConsoleRequestContext

    /// Creates the middleware.
    public init() {}

    /// Runs the route and maps its error.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let mapped = ConsoleAPIError(error)
            if mapped.status.code >= 500 {
                context.logger.error("console API request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            throw mapped
        }
    }
}
