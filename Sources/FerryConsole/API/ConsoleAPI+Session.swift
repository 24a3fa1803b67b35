import Foundation
import Hummingbird

/// What `POST /api/session` accepts: a bearer token, or a kubeconfig and the context whose
/// user signs in.
struct SignInRequest: Codable, Sendable {
    var token: String?
    var kubeconfig: String?
    var context: String?
}

/// Who is signed in, as `/api/session` reports it.
struct SessionInfo: Codable, Sendable {
    var user: String
    var groups: [String]
    var csrfToken: String?
    var expires: String

    init(_ session: ConsoleSession) {
        user = session.user.name
        groups = session.user.groups
        csrfToken = session.isBearer ? nil : session.csrfToken
        expires = ISO8601DateFormatter().string(from: session.expires)
    }
}

extension ConsoleAPI {
    func registerSession(on api: RouterGroup<ConsoleRequestContext>) {
        api.post("session") { request, context in
            let body = try await Self.body(SignInRequest.self, request, context)
            let session: ConsoleSession
            if let kubeconfig = body.kubeconfig, !kubeconfig.isEmpty {
                session = try await sessions.signIn(kubeconfig: kubeconfig, context: body.context)
            } else if let token = body.token, !token.isEmpty {
                session = try await sessions.signIn(token: token)
            } else {
                throw ConsoleValidationError(fields: ["token": "paste a bearer token, or give a kubeconfig and its context"])
            }
            var response = try Self.json(SessionInfo(session), status: .created)
            response.setCookie(ConsoleSessions.cookie(for: session))
            return response
        }
        api.get("session") { _, context in
            try Self.json(SessionInfo(try context.requireSession()))
        }
        api.delete("session") { request, context in
            let session = try context.requireSession()
            if !session.isBearer { await sessions.signOut(id: session.id) }
            var response = Response(status: .noContent)
            response.setCookie(ConsoleSessions.signedOutCookie)
            return response
        }
    }
}
