import Foundation
public import Hummingbird

/// The console's server-rendered pages: sign-in, clusters, replication repositories, plans
/// (with the creation wizard and the migration actions) and the live migration view.
///
/// Every page acts with the signed-in user's own client through ``ConsoleBackend``; a
/// visitor who is not signed in is sent to the sign-in page. Pages work without JavaScript,
/// except the live updates of a running migration.
public enum ConsolePages {
    /// Adds the pages' routes (and `/static/…`) to `router`; the router must run the
    /// ``SessionMiddleware`` so handlers see the signed-in session.
    public static func register(on router: Router<ConsoleRequestContext>, backend: ConsoleBackend, sessions: ConsoleSessions) {
        let pages = PageContext(renderer: PageRenderer(), backend: backend, sessions: sessions)
        registerStatic(on: router, renderer: pages.renderer)
        SignInPages(pages: pages).register(on: router)
        ClusterPages(pages: pages).register(on: router)
        StoragePages(pages: pages).register(on: router)
        PlanPages(pages: pages).register(on: router)
        PlanWizardPages(pages: pages).register(on: router)
        MigrationPages(pages: pages).register(on: router)
    }

    private static func registerStatic(on router: Router<ConsoleRequestContext>, renderer: PageRenderer) {
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]
        router.get("/static/:file") { _, context -> Response in
            let file = try context.parameters.require("file")
            guard let text = renderer.staticFiles[file], let type = types[String(file.split(separator: ".").last ?? "")] else {
                throw HTTPError(.notFound, message: "no static file \(file)")
            }
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
