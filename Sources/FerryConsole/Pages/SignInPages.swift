import Foundation
import Hummingbird

/// Sign-in with a bearer token or a kubeconfig user, and sign-out.
struct SignInPages: Sendable {
    let pages: PageContext

    struct View {
        var error: String?
        var tokenError: String?
        var kubeconfigError: String?
        var contextError: String?
        var kubeconfig: String
        var context: String
    }

    func register(on router: Router<ConsoleRequestContext>) {
        router.get("/") { _, context -> Response in
            Response.redirect(to: context.session == nil ? "/sign-in" : "/plans")
        }
        router.get("/sign-in") { request, context -> Response in
            let expired = request.uri.queryParameters["expired"] != nil
            return render(View(error: expired ? "Your session ended or your token is no longer accepted; sign in again." : nil, kubeconfig: "", context: ""), session: nil)
        }
        router.post("/sign-in") { request, context -> Response in
            let form = try await FormData(request: request)
            do {
                let session: ConsoleSession
                if form["method"] == "kubeconfig" {
                    session = try await pages.sessions.signIn(kubeconfig: form.raw("kubeconfig"), context: form.optional("context"))
                } else {
                    session = try await pages.sessions.signIn(token: form["token"])
                }
                var response = Response.redirect(to: "/plans")
                response.setCookie(ConsoleSessions.cookie(for: session))
                return response
            } catch {
                let apiError = ConsoleAPIError(error)
                var view = View(kubeconfig: form.raw("kubeconfig"), context: form["context"])
                if form["method"] == "kubeconfig" {
                    view.contextError = apiError.fields?["context"]
                    view.kubeconfigError = view.contextError == nil ? apiError.fields?["kubeconfig"] ?? apiError.message : nil
                } else {
                    view.tokenError = apiError.message
                }
                view.error = "Sign-in failed."
                return render(view, session: nil, status: apiError.status == .unauthorized ? .unauthorized : .badRequest)
            }
        }
        router.post("/sign-out") { _, context -> Response in
            if let session = context.session { await pages.sessions.signOut(id: session.id) }
            var response = Response.redirect(to: "/sign-in")
            response.setCookie(ConsoleSessions.signedOutCookie)
            return response
        }
    }

    private func render(_ view: View, session: ConsoleSession?, status: HTTPResponse.Status = .ok) -> Response {
        pages.renderer.page("signin", view, title: "Sign in", section: .none, session: session, status: status)
    }
}
