import FerryAPI
import Foundation
import Hummingbird

/// A migration's detail page (pipeline, volumes, errors, kubectl commands), the pipeline
/// fragment the live view re-fetches on every change, and cancellation after confirmation.
struct MigrationPages: Sendable {
    let pages: PageContext

    struct Command {
        var id: Int
        var label: String
        var text: String
    }

    struct DetailView {
        var migration: MigrationProgressPage
        var commands: [Command]
    }

    func register(on router: Router<ConsoleRequestContext>) {
        router.get("/migrations/:name") { _, context -> Response in
            await pages.signedIn(context, heading: "Migration", back: ("/plans", "Plans")) { session in
                let name = try context.parameters.require("name")
                let detail = try await pages.backend.migration(name, user: session.user)
                let commands = detail.kubectlCommands.enumerated().map { index, text in
                    Command(id: index, label: text.split(separator: " ").dropFirst(3).prefix(2).joined(separator: " "), text: text)
                }
                let view = DetailView(migration: MigrationProgressPage(detail), commands: commands)
                return pages.page("migration", view, title: "\(view.migration.kind) \(name)", section: .plans, session: session)
            }
        }
        router.get("/migrations/:name/pipeline") { _, context -> Response in
            guard let session = context.session else {
                return PageRenderer.html("<p class=\"error-summary\">Your session ended; <a href=\"/sign-in\">sign in</a> again.</p>", status: .unauthorized)
            }
            do {
                let detail = try await pages.backend.migration(try context.parameters.require("name"), user: session.user)
                return PageRenderer.html(pages.renderer.fragment("pipeline", MigrationProgressPage(detail)))
            } catch {
                let apiError = ConsoleAPIError(error)
                return PageRenderer.html("<p class=\"error-summary\">\(apiError.message.htmlEscaped)</p>", status: apiError.status)
            }
        }
        router.get("/migrations/:name/cancel") { _, context -> Response in
            await pages.signedIn(context, heading: "Cancel migration") { session in
                let name = try context.parameters.require("name")
                return pages.page("confirm", Self.cancelConfirmation(name, csrf: session.csrfToken), title: "Cancel migration", section: .plans, session: session)
            }
        }
        router.post("/migrations/:name/cancel") { _, context -> Response in
            let name = (try? context.parameters.require("name")) ?? ""
            return await pages.signedIn(context, heading: "Cancel migration", back: ("/migrations/\(name)", "Migration \(name)")) { session in
                do {
                    _ = try await pages.backend.cancelMigration(name, user: session.user)
                    return Response.redirect(to: "/migrations/\(name)")
                } catch {
                    var view = Self.cancelConfirmation(name, csrf: session.csrfToken)
                    view.errorMessage = ConsoleAPIError(error).message
                    return pages.page("confirm", view, title: "Cancel migration", section: .plans, session: session, status: ConsoleAPIError(error).status)
                }
            }
        }
    }

    static func cancelConfirmation(_ name: String, csrf: String) -> ConfirmView {
        ConfirmView(
            heading: "Cancel migration \(name)?", action: "/migrations/\(name)/cancel", csrf: csrf,
            paragraphs: ["The migration stops at its next safe point and undoes what it did on the target; the source's workloads are scaled back up."],
            submitLabel: "Cancel migration", danger: true, cancelHref: "/migrations/\(name)", cancelLabel: "Migration \(name)")
    }
}
