import Foundation
import HTTPTypes
public import Hummingbird

/// The JSON API under `/api/`: what the pages do, for scripts and other clients. Described by
/// the OpenAPI document at `/api/openapi.json`.
public struct ConsoleAPI: Sendable {
    /// The operations.
    public let backend: ConsoleBackend
    /// The sessions.
    public let sessions: ConsoleSessions

    /// Creates the API.
    public init(backend: ConsoleBackend, sessions: ConsoleSessions) {
        self.backend = backend
        self.sessions = sessions
    }

    /// Adds the routes to `router`.
    public func register(on router: Router<ConsoleRequestContext>) {
        let api = router.group("api").add(middleware: APIErrorMiddleware())
        api.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        registerSession(on: api)
        registerClusters(on: api)
        registerStorages(on: api)
        registerPlans(on: api)
        registerMigrations(on: api)
    }

    /// `value` as a JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// The request body decoded as `type`; a 400 naming the problem otherwise.
    static func body<Value: Decodable>(_ type: Value.Type, _ request: Request, _ context: ConsoleRequestContext) async throws -> Value {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw ConsoleAPIError.badRequest("the request needs a JSON body") }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(buffer.readableBytesView))
        } catch {
            throw ConsoleAPIError.badRequest("the body is not the expected JSON: \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// The path parameter `name`.
    static func name(_ context: ConsoleRequestContext, _ parameter: String = "name") throws -> String {
        guard let value = context.parameters.get(parameter) else { throw ConsoleAPIError.badRequest("the path lacks {\(parameter)}") }
        // No object can have a name that is not a DNS-1123 subdomain; such a name is not
        // passed on to the cluster.
        var checks = FieldChecks()
        checks.objectName(value, parameter, what: "name")
        guard checks.problems.isEmpty else { throw ConsoleAPIError.notFound("no object is named \"\(value)\": names are lowercase DNS-1123 subdomains") }
        return value
    }
}
