import Hummingbird
import KubeCore
import KubeSimAuth
import KubeSimProtobuf
import KubeSimStorage
import Logging
import Metrics
import NIOCore

/// The HTTP face of a simulated cluster: answers the Kubernetes REST API (discovery,
/// OpenAPI, resources, watches, tables, subresources) from one catch-all responder.
struct APIServer: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The largest request body accepted, as kube-apiserver's 3 MiB limit.
    static let maxBodySize = 3 * 1024 * 1024

    let store: ObjectStore
    let registry: ResourceRegistry
    let access: AccessControl
    let reviews: AuthReviews
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let response: Response
        do {
            response = try await route(&request)
        } catch let error as KubeAPIError {
            response = APIResponse.failure(error)
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = APIResponse.failure(.internalError("\(error)"))
        }
        logger.debug("\(request.method) \(request.uri.string) \(response.status.code)")
        Counter(label: "kubesim_requests_total", dimensions: [("verb", request.method.rawValue), ("code", "\(response.status.code)")]).increment()
        return response
    }

    private func route(_ request: inout Request) async throws -> Response {
        let segments = request.uri.path.split(separator: "/").map(String.init)
        let query = QueryParameters(request.uri)
        if let response = publicEndpoint(segments, query: query) { return response }

        let user = try access.authenticate(request.headers[.authorization])

        if let parsed = ResourcePath.parse(segments) {
            switch parsed {
            case .groupVersion(let group, let version):
                try access.authorizeNonResource(user: user, path: request.uri.path, verb: "get")
                return try groupVersionDiscovery(group: group, version: version)
            case .resource(let path):
                var call = try ResourceCall(path: path, request: request, query: query, registry: registry)
                try access.authorize(call, user: user)
                if call.needsBody {
                    call.body = try await Self.collectBody(&request)
                    try Self.normalizeBody(&call)
                }
                return try await handle(call, user: user)
            }
        }
        try access.authorizeNonResource(user: user, path: request.uri.path, verb: "get")
        if let response = try discoveryEndpoint(segments, request: request) { return response }
        throw KubeAPIError.notFound(message: "the server could not find the requested resource")
    }

    /// Health and version answer anyone, as kube's `system:public-info-viewer` role allows.
    private func publicEndpoint(_ segments: [String], query: QueryParameters) -> Response? {
        guard segments.count <= 2, let first = segments.first else { return nil }
        switch first {
        case "healthz", "readyz", "livez":
            if segments.count == 2 { return APIResponse.text("[+]\(segments[1]) ok\n\(first) check passed\n") }
            if query["verbose"] != nil || query.flag("verbose") {
                let checks = ["ping", "log", "etcd", "poststarthook/start-kube-apiserver-admission-initializer"]
                let lines = checks.map { "[+]\($0) ok" }.joined(separator: "\n")
                return APIResponse.text("\(lines)\n\(first) check passed\n")
            }
            return APIResponse.text("ok")
        case "version" where segments.count == 1:
            return APIResponse.json([
                "major": .string(KubeSimVersion.major), "minor": .string(KubeSimVersion.minor),
                "gitVersion": .string(KubeSimVersion.gitVersion), "gitCommit": "0000000000000000000000000000000000000000",
                "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23.0",
                "compiler": "gc", "platform": "linux/amd64",
            ])
        default:
            return nil
        }
    }

    /// Turns protobuf bodies (kubectl's typed clients send them) into JSON, so handlers
    /// read JSON or YAML only; CBOR is refused with 415, after which client-go retries in JSON.
    static func normalizeBody(_ call: inout ResourceCall) throws(KubeAPIError) {
        guard !call.body.isEmpty else { return }
        if KubeProtobuf.isProtobuf(contentType: call.contentType) {
            do {
                call.body = try KubeProtobuf.decode(call.body).serialized()
            } catch {
                throw KubeAPIError.unsupportedMediaType("the protobuf body could not be read: \(error)")
            }
            call.contentType = "application/json"
        } else if call.contentType.contains("cbor") {
            throw KubeAPIError.unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf")
        }
    }

    /// Reads the whole body, refusing more than ``maxBodySize`` with 413.
    static func collectBody(_ request: inout Request) async throws -> [UInt8] {
        var collected: [UInt8] = []
        for try await buffer in request.body {
            collected.append(contentsOf: buffer.readableBytesView)
            if collected.count > maxBodySize {
                throw KubeAPIError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728")
            }
        }
        return collected
    }
}
