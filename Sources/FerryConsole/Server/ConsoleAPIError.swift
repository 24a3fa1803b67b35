import FerryCLI
import Foundation
public import HTTPTypes
public import Hummingbird
import KubeClient
import KubeCore

/// A failure as the console's API reports it: an HTTP status and the JSON body
/// `{code, message, fields?}`.
public struct ConsoleAPIError: Error, Sendable, Hashable, CustomStringConvertible, HTTPResponseError {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A machine-readable code, such as `invalid`, `forbidden` or the Kubernetes reason.
    public var code: String
    /// What went wrong and what to do.
    public var message: String
    /// Per-field messages, for validation failures.
    public var fields: [String: String]?

    /// Creates an error.
    public init(status: HTTPResponse.Status, code: String, message: String, fields: [String: String]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    /// `STATUS code: message`.
    public var description: String { "\(status.code) \(code): \(message)" }

    /// 401: nobody is signed in, or the token was refused.
    public static func unauthorized(_ message: String) -> ConsoleAPIError {
        ConsoleAPIError(status: .unauthorized, code: "Unauthorized", message: message)
    }

    /// 400: the request cannot be read.
    public static func badRequest(_ message: String) -> ConsoleAPIError {
        ConsoleAPIError(status: .badRequest, code: "BadRequest", message: message)
    }

    /// 404: the named object does not exist.
    public static func notFound(_ message: String) -> ConsoleAPIError {
        ConsoleAPIError(status: .notFound, code: "NotFound", message: message)
    }

    /// The JSON body of the error.
    public struct Body: Codable, Sendable, Hashable {
        /// See ``ConsoleAPIError/code``.
        public var code: String
        /// See ``ConsoleAPIError/message``.
        public var message: String
        /// See ``ConsoleAPIError/fields``.
        public var fields: [String: String]?
    }

    /// The body `{code, message, fields?}` with the error's status.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Body(code: code, message: message, fields: fields))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"ferry-console\"" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension ConsoleAPIError {
    /// The API's view of any failure: Kubernetes statuses keep their code and reason (a 403
    /// names the verb and resource the user lacks), validation becomes 422 with the field
    /// map, the CLI's plan and migration checks become 404 or 409.
    public init(_ error: any Error) {
        switch error {
        case let error as ConsoleAPIError:
            self = error
        case let error as ConsoleValidationError:
            self.init(status: .unprocessableContent, code: "Invalid", message: error.message, fields: error.fields)
        case let error as KubeAPIError:
            self.init(kubernetes: error)
        case let error as FerryCLIError:
            self.init(status: Self.status(ofCLICode: error.code), code: error.code, message: error.message)
        case let error as KubeClientError:
            self.init(status: .badGateway, code: "ClusterUnreachable", message: "the host cluster could not be reached: \(error.message)")
        case let error as HTTPError:
            self.init(status: error.status, code: error.status.reasonPhrase.replacingOccurrences(of: " ", with: ""), message: error.body ?? error.status.reasonPhrase)
        case is DecodingError:
            self.init(status: .badRequest, code: "BadRequest", message: "the request body is not valid JSON of the expected shape: \(error)")
        default:
            self.init(status: .internalServerError, code: "InternalError", message: "\(error)")
        }
    }

    private init(kubernetes error: KubeAPIError) {
        let status: HTTPResponse.Status
        switch error.code {
        case 400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429: status = HTTPResponse.Status(code: error.code)
        default: status = .badGateway
        }
        var fields: [String: String]?
        if error.code == 422, let causes = error.details?.causes, !causes.isEmpty {
            fields = Dictionary(causes.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        }
        let message = error.code == 403 ? "forbidden by the host cluster: \(error.message)" : error.message
        self.init(status: status, code: error.reason.isEmpty ? "Status\(error.code)" : error.reason, message: message, fields: fields)
    }

    private static func status(ofCLICode code: String) -> HTTPResponse.Status {
        switch code {
        case "plan-not-found", "no-migration": .notFound
        case "plan-not-ready", "plan-closed", "migration-running", "nothing-to-roll-back", "no-running-migration": .conflict
        case "api-not-installed": .serviceUnavailable
        case "host-unreachable": .badGateway
        default: .badRequest
        }
    }
}
