import AsyncHTTPClient
import FerryAPI
import FerryConsole
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import ServiceLifecycle

let quietLogger = Logger(label: "ferry-console-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// A host cluster with the Migration API, a console serving it over HTTPS, and an HTTP
/// client that trusts the console's certificate.
struct ConsoleWorld {
    let cluster: KubeSimCluster
    let admin: KubeClient
    let server: ConsoleServer
    let http: HTTPClient
    let baseURL: String

    static let namespace = MigrationAPI.defaultNamespace

    /// Runs `body` with a fresh world; everything is shut down afterwards.
    static func run(sessionLifetime: Duration = .seconds(3600), _ body: (ConsoleWorld) async throws -> Void) async throws {
        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "host"), logger: quietLogger) { cluster in
            let admin = try KubeClient(configuration: adminConfiguration(cluster), logger: quietLogger)
            let configuration = ConsoleConfiguration(hostCluster: adminConfiguration(cluster), port: 0, sessionLifetime: sessionLifetime)
            let server = try ConsoleServer(configuration: configuration, logger: quietLogger)
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(server.certificate.authorityPEM.utf8)))
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
            let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: server)], logger: quietLogger))
            do {
                try await installMigrationAPI(admin)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await services.run() }
                    do {
                        let port = try await server.waitUntilServing()
                        try await body(ConsoleWorld(cluster: cluster, admin: admin, server: server, http: http, baseURL: "https://127.0.0.1:\(port)"))
                    } catch {
                        await services.triggerGracefulShutdown()
                        throw error
                    }
                    await services.triggerGracefulShutdown()
                    try await group.waitForAll()
                }
            } catch {
                try? await http.shutdown()
                try? await admin.shutdown()
                throw error
            }
            try await http.shutdown()
            try await admin.shutdown()
        }
    }

    /// An answer of the console.
    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var text: String
        var json: JSONValue? { try? JSONValue(parsing: Array(text.utf8)) }
    }

    /// How a request proves who sends it.
    enum Credentials {
        case none
        case bearer(String)
        case cookie(session: String, csrf: String?)
    }

    /// Sends `method path` with an optional JSON body.
    func call(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil, as credentials: Credentials = .none) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        switch credentials {
        case .none: break
        case .bearer(let token): request.headers.add(name: "Authorization", value: "Bearer \(token)")
        case .cookie(let session, let csrf):
            request.headers.add(name: "Cookie", value: "ferry_session=\(session)")
            if let csrf { request.headers.add(name: "X-CSRF-Token", value: csrf) }
        }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json.serializedString(pretty: false)))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, text: String(buffer: body))
    }

    /// Posts an `application/x-www-form-urlencoded` body with the session cookie, as a page's form does.
    func post(form: String, to path: String, session: String) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Cookie", value: "ferry_session=\(session)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, text: String(buffer: body))
    }

    /// Creates the ServiceAccount `name` in `namespace`, bound to a Role with every verb on
    /// pods and configmaps there, and returns a token for it from the TokenRequest API.
    func restrictedUser(_ name: String, namespace: String) async throws -> String {
        let core = { (resource: String) in GroupVersionResource(group: "", version: "v1", resource: resource) }
        let rbac = { (resource: String) in GroupVersionResource(group: "rbac.authorization.k8s.io", version: "v1", resource: resource) }
        _ = try await admin.create(core("namespaces"), KubeObject(apiVersion: "v1", kind: "Namespace", name: namespace))
        _ = try await admin.create(core("serviceaccounts"), KubeObject(apiVersion: "v1", kind: "ServiceAccount", name: name, namespace: namespace), namespace: namespace)
        var role = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", name: "\(name)-role", namespace: namespace)
        role["rules"] = [["apiGroups": [""], "resources": ["pods", "configmaps"], "verbs": ["*"]]]
        _ = try await admin.create(rbac("roles"), role, namespace: namespace)
        var binding = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", name: "\(name)-binding", namespace: namespace)
        binding["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string("\(name)-role")]
        binding["subjects"] = [["kind": "ServiceAccount", "name": .string(name), "namespace": .string(namespace)]]
        _ = try await admin.create(rbac("rolebindings"), binding, namespace: namespace)
        let request: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": .object([:])]
        let answer = try await admin.send(APIRequest(
            method: "POST", path: "/api/v1/namespaces/\(namespace)/serviceaccounts/\(name)/token",
            body: Array(request.serializedString(pretty: false).utf8), contentType: "application/json"))
        guard let token = answer["status"]?["token"]?.stringValue else { throw ConsoleTestError("TokenRequest returned no token: \(answer)") }
        return token
    }
}

struct ConsoleTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The configuration an admin uses to reach `cluster`.
func adminConfiguration(_ cluster: KubeSimCluster) -> ClientConfiguration {
    ClientConfiguration(
        server: cluster.url,
        tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: "sim"),
        credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0)
}

/// Creates the Migration API's CRDs and waits until discovery serves them.
func installMigrationAPI(_ client: KubeClient) async throws {
    let definitions = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")
    for definition in MigrationCustomResourceDefinitions.all {
        _ = try await client.create(definitions, definition)
    }
    _ = try await client.resourceMapper(refresh: true)
    _ = try await client.create(GroupVersionResource(group: "", version: "v1", resource: "namespaces"), KubeObject(apiVersion: "v1", kind: "Namespace", name: MigrationAPI.defaultNamespace))
}
