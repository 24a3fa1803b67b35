import Foundation
import Hummingbird
import Logging
import Mustache

/// Renders the console's pages: a template's content inside the layout, as an HTML response.
///
/// Templates and static files are the module's resources, read once when the routes are
/// registered.
struct PageRenderer: Sendable {
    /// Which navigation entry a page belongs to.
    enum Section: Sendable {
        case clusters, storages, plans, none
    }

    private let library: MustacheLibrary
    private let loadProblem: String?
    let staticFiles: [String: String]

    init() {
        var library = MustacheLibrary()
        var problem: String?
        var staticFiles: [String: String] = [:]
        do {
            let root = try Self.resourcesDirectory()
            let templates = root.appendingPathComponent("templates")
            for file in try FileManager.default.contentsOfDirectory(atPath: templates.path) where file.hasSuffix(".mustache") {
                let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            }
            let statics = root.appendingPathComponent("static")
            for file in try FileManager.default.contentsOfDirectory(atPath: statics.path) {
                staticFiles[file] = try String(contentsOf: statics.appendingPathComponent(file), encoding: .utf8)
            }
        } catch {
            problem = "the console's templates could not be loaded (\(error)); reinstall Ferry so its resource bundle is complete"
        }
        self.library = library
        self.loadProblem = problem
        self.staticFiles = staticFiles
    }

    private static func resourcesDirectory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no Resources folder in \(Bundle.module.bundlePath)"])
        }
        return url
    }

    /// The layout's view: title, navigation state and the signed-in user.
    struct Layout {
        struct User {
            var name: String
            var csrf: String
        }

        var title: String
        var content: String
        var user: User?
        var flash: String?
        var navClusters: Bool
        var navStorages: Bool
        var navPlans: Bool
    }

    /// Renders `template` with `view` (an HTML fragment, no layout).
    func fragment(_ template: String, _ view: Any) -> String {
        if let loadProblem { return "<p class=\"error-summary\">\(loadProblem)</p>" }
        return library.render(view, withTemplate: template) ?? "<p class=\"error-summary\">template \(template) is missing</p>"
    }

    /// A whole page: `template` rendered with `view` inside the layout.
    func page(
        _ template: String, _ view: Any, title: String, section: Section, session: ConsoleSession?, flash: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let layout = Layout(
            title: title, content: fragment(template, view),
            user: session.map { Layout.User(name: $0.user.name, csrf: $0.csrfToken) }, flash: flash,
            navClusters: section == .clusters, navStorages: section == .storages, navPlans: section == .plans)
        return Self.html(fragment("layout", layout), status: status)
    }

    /// An HTML response.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The error page for a failed operation, with the status the failure maps to.
    func failure(_ error: any Error, heading: String, session: ConsoleSession?, back: (href: String, label: String)?) -> Response {
        let apiError = ConsoleAPIError(error)
        struct View { var heading: String; var message: String; var backHref: String?; var backLabel: String? }
        let view = View(heading: heading, message: apiError.message, backHref: back?.href, backLabel: back?.label)
        return page("error", view, title: heading, section: .none, session: session, status: apiError.status)
    }
}
