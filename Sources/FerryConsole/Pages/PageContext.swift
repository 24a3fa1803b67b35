import Foundation
import Hummingbird

/// What every page handler shares: the renderer, the backend and the session store, and
/// the rule that pages need a signed-in user.
struct PageContext: Sendable {
    let renderer: PageRenderer
    let backend: ConsoleBackend
    let sessions: ConsoleSessions

    /// Runs `body` with the signed-in session; sends a visitor who is not signed in to the
    /// sign-in page, and shows failures as an error page with their status (an expired or
    /// revoked token also leads back to sign-in).
    func signedIn(
        _ context: ConsoleRequestContext, heading: String, back: (href: String, label: String)? = nil,
        _ body: (ConsoleSession) async throws -> Response
    ) async -> Response {
        guard let session = context.session, !session.isBearer else { return Response.redirect(to: "/sign-in") }
        do {
            return try await body(session)
        } catch {
            let apiError = ConsoleAPIError(error)
            if apiError.status == .unauthorized { return Response.redirect(to: "/sign-in?expired=1") }
            return renderer.failure(error, heading: heading, session: session, back: back)
        }
    }

    /// A page inside the layout for `session`.
    func page(
        _ template: String, _ view: Any, title: String, section: PageRenderer.Section, session: ConsoleSession,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        renderer.page(template, view, title: title, section: section, session: session, status: status)
    }

    /// The message a failed read shows in place of a list: what RBAC denies, or the error.
    static func listProblem(_ error: any Error, what: String) -> String {
        let apiError = ConsoleAPIError(error)
        if apiError.status == .forbidden { return "You may not list \(what) on the host cluster (\(apiError.message))." }
        return "Listing \(what) failed: \(apiError.message)"
    }
}
