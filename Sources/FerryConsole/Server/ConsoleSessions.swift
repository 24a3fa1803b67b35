import Crypto
import Foundation
import KubeClient
import KubeCore
public import Logging
public import ServiceLifecycle

/// The signed-in sessions: sign-in checks the user's token with the host cluster (a
/// SelfSubjectReview made with that token), every session holds a client acting as its
/// user, and ending a session (sign-out, expiry, shutdown) closes that client.
///
/// Run it as a `Service`: it removes expired sessions every minute and closes every client
/// on shutdown.
public actor ConsoleSessions: Service {
    /// The name of the session cookie.
    public static let cookieName = "ferry_session"
    /// The form field unsafe form posts carry the CSRF token in.
    public static let csrfFormField = "csrf_token"
    /// The header unsafe API requests carry the CSRF token in.
    public static let csrfHeader = "X-CSRF-Token"
    /// How many browser sessions one user keeps; signing in once more ends the oldest.
    public static let sessionsPerUser = 16

    private let configuration: ConsoleConfiguration
    private let logger: Logger
    private var sessions: [String: ConsoleSession] = [:]
    /// Sessions of `Authorization: Bearer` requests, by the token's SHA-256.
    private var bearerSessions: [String: ConsoleSession] = [:]

    /// Creates an empty store.
    public init(configuration: ConsoleConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Signs in with a Kubernetes bearer token; a 401 error when the host cluster refuses it.
    public func signIn(token: String) async throws(ConsoleAPIError) -> ConsoleSession {
        let user = try await authenticate(token: token)
        let session = ConsoleSession(
            id: Self.randomToken(), csrfToken: Self.randomToken(), user: user, expires: Date.now.addingTimeInterval(seconds(configuration.sessionLifetime)))
        // Each session holds a client; a person signing in again and again keeps only the
        // newest few, so repeated sign-ins cannot pile up connections.
        let own = sessions.values.filter { $0.user.name == user.name }.sorted { $0.expires < $1.expires }
        for old in own.prefix(max(0, own.count - Self.sessionsPerUser + 1)) {
            sessions[old.id] = nil
            await close(old)
        }
        sessions[session.id] = session
        logger.info("console sign-in", metadata: ["user": "\(user.name)"])
        return session
    }

    /// The session with cookie value `id`, unless it ended.
    public func session(id: String) async -> ConsoleSession? {
        guard let session = sessions[id] else { return nil }
        guard session.expires > Date.now else {
            sessions[id] = nil
            await close(session)
            return nil
        }
        return session
    }

    /// The session of a request that sent `Authorization: Bearer token`: checked with the
    /// host cluster on first use and again after the recheck interval.
    public func session(bearerToken token: String) async throws(ConsoleAPIError) -> ConsoleSession {
        let key = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
        if let session = bearerSessions[key], session.expires > Date.now { return session }
        if let stale = bearerSessions.removeValue(forKey: key) { await close(stale) }
        let user = try await authenticate(token: token)
        let session = ConsoleSession(
            id: key, csrfToken: "", user: user, expires: Date.now.addingTimeInterval(seconds(configuration.bearerTokenRecheckInterval)), isBearer: true)
        if let raced = bearerSessions[key] {
            await close(session)
            return raced
        }
        bearerSessions[key] = session
        return session
    }

    /// Ends the session with cookie value `id`, closing its client.
    public func signOut(id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        logger.info("console sign-out", metadata: ["user": "\(session.user.name)"])
        await close(session)
    }

    /// The number of live sessions (browser and bearer).
    public var count: Int { sessions.count + bearerSessions.count }

    /// Removes expired sessions every minute; closes every client on shutdown.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: .seconds(60))
                await self.removeExpired()
            }
        }
        await closeAll()
    }

    private func removeExpired() async {
        let now = Date.now
        let expired = sessions.values.filter { $0.expires <= now } + bearerSessions.values.filter { $0.expires <= now }
        sessions = sessions.filter { $0.value.expires > now }
        bearerSessions = bearerSessions.filter { $0.value.expires > now }
        for session in expired { await close(session) }
    }

    private func closeAll() async {
        let all = Array(sessions.values) + Array(bearerSessions.values)
        sessions = [:]
        bearerSessions = [:]
        for session in all { await close(session) }
    }

    private func close(_ session: ConsoleSession) async {
        do {
            try await session.user.client.shutdown()
        } catch {
            logger.debug("closing a session's client failed", metadata: ["error": "\(error)"])
        }
    }

    private func authenticate(token: String) async throws(ConsoleAPIError) -> ConsoleUser {
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw ConsoleAPIError.unauthorized("no token given; paste a Kubernetes bearer token") }
        // A bearer token is visible ASCII; anything else could not even be sent as a header.
        guard token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw ConsoleAPIError.unauthorized("the token has characters no bearer token has (spaces, control or non-ASCII characters); paste the token alone")
        }
        let client: KubeClient
        do {
            client = try KubeClient(configuration: configuration.hostCluster(token: token), logger: logger)
        } catch {
            throw ConsoleAPIError(status: .internalServerError, code: "InvalidConfiguration", message: "the console's host cluster configuration is unusable: \(error)")
        }
        do {
            let identity = try await UserIdentity.review(client)
            return ConsoleUser(name: identity.name, groups: identity.groups, client: client)
        } catch {
            try? await client.shutdown()
            if let error = error as? KubeAPIError, error.code == 401 {
                throw ConsoleAPIError.unauthorized("the host cluster \(configuration.hostCluster.server) did not accept the token (\(error.message)); get a valid one, e.g. with `kubectl create token`")
            }
            throw ConsoleAPIError(error)
        }
    }

    private func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }

    /// 32 random bytes, base64url without padding.
    static func randomToken() -> String {
        let key = SymmetricKey(size: .bits256)
        return key.withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
