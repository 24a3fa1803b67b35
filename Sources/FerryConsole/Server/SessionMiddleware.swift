import Foundation
import HTTPTypes
public import Hummingbird

/// Finds the request's session: an `Authorization: Bearer` token (checked with the host
/// cluster, cached briefly) or the `ferry_session` cookie. A cookie session's unsafe requests
/// must carry its CSRF token (header `X-CSRF-Token` or form field `csrf_token`), so another
/// site cannot act with the browser's cookie.
public struct SessionMiddleware: RouterMiddleware {
    /// The console's request context.
    public typealias Context = ConsoleRequestContext

    /// The session store.
    public let sessions: ConsoleSessions

    /// Creates the middleware.
    public init(sessions: ConsoleSessions) {
        self.sessions = sessions
    }

    /// Attaches the session to the context, or refuses a cookie request without its CSRF token.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            context.session = try await sessions.session(bearerToken: String(authorization.dropFirst("bearer ".count)))
        } else if request.method == .post, Self.signInPaths.contains(request.uri.path) {
            // Signing in starts a new session whatever the browser still holds, so the old
            // cookie neither applies nor needs its CSRF token here.
        } else if let id = request.cookies[ConsoleSessions.cookieName]?.value, let session = await sessions.session(id: id) {
            if ![.get, .head, .options].contains(request.method) {
                try await Self.checkCSRF(&request, session: session, context: context)
            }
            context.session = session
        }
        return try await next(request, context)
    }

    /// The routes that sign in (the API's and the sign-in page's).
    public static let signInPaths: Set<String> = ["/api/session", "/sign-in"]

    static func checkCSRF(_ request: inout Request, session: ConsoleSession, context: Context) async throws {
        if let header = request.headers[HTTPField.Name(ConsoleSessions.csrfHeader)!] {
            guard Self.constantTimeEqual(header, session.csrfToken) else { throw csrfRefused }
            return
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else { throw csrfRefused }
        // Collecting keeps the body readable for the handler after the check.
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let form = FormFields(String(buffer: body))
        guard let token = form[ConsoleSessions.csrfFormField], Self.constantTimeEqual(token, session.csrfToken) else { throw csrfRefused }
    }

    static let csrfRefused = ConsoleAPIError(
        status: .forbidden, code: "CSRFTokenMissing",
        message: "this request changes something and lacks the session's CSRF token (header \(ConsoleSessions.csrfHeader) or form field \(ConsoleSessions.csrfFormField)); reload the page and try again")

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The fields of an `application/x-www-form-urlencoded` body; the first value of a repeated
/// field wins in the subscript, `values(_:)` returns all.
public struct FormFields: Sendable, Hashable {
    /// The fields in order.
    public var pairs: [(name: String, value: String)] { storage.map { ($0.name, $0.value) } }
    private var storage: [Pair]

    private struct Pair: Sendable, Hashable {
        var name: String
        var value: String
    }

    /// Parses `text`.
    public init(_ text: String) {
        storage = text.split(separator: "&").map { field in
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            return Pair(name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? { storage.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] { storage.filter { $0.name == name }.map(\.value) }
}
