import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// What a client learned about authenticating: each host's challenge and its cached tokens.
struct AuthenticationState: Sendable {
    struct Token: Sendable {
        var value: String
        var expires: ContinuousClock.Instant
    }

    /// The scheme each host asked for the last time it answered 401.
    var challenges: [String: AuthChallenge] = [:]
    /// Bearer tokens by host and scope.
    var tokens: [String: Token] = [:]

    static func tokenKey(host: String, scope: String?) -> String { "\(host) \(scope ?? "")" }
}

extension RegistryClient {
    /// The `Authorization` header for a request to `host` needing `scope`, once the host
    /// asked for credentials: Basic, or a cached unexpired bearer token for the scope.
    func authorizationHeader(host: String, scope: String?) -> String? {
        authentication.withLock { state in
            switch state.challenges[host]?.scheme {
            case .basic?:
                return basicCredentials.map { "Basic \($0)" }
            case .bearer?:
                guard let token = state.tokens[AuthenticationState.tokenKey(host: host, scope: scope)], token.expires > .now else { return nil }
                return "Bearer \(token.value)"
            case nil:
                return nil
            }
        }
    }

    /// Remembers `challenge` for `host`; for a bearer challenge, fetches and caches a token
    /// covering `scope` and whatever scope the registry named.
    func answer(_ challenge: AuthChallenge, host: String, scope: String?, subject: String) async throws {
        authentication.withLock { $0.challenges[host] = challenge }
        guard case .bearer(let realm, let service, let challengeScope) = challenge.scheme else {
            guard basicCredentials != nil else {
                throw RegistryError(.unauthorized, "\(host) requires credentials for \(subject) (401 Unauthorized); give a user name and password for this registry")
            }
            return
        }
        // A challenge lists every scope the request needs (a mount needs pull on the other
        // repository too), separated by spaces; the token service takes one `scope` each.
        var scopes: [String] = []
        for candidate in [scope].compactMap({ $0 }) + (challengeScope ?? "").split(separator: " ").map(String.init) where !scopes.contains(candidate) {
            scopes.append(candidate)
        }
        guard var components = URLComponents(string: realm), components.scheme != nil else {
            throw RegistryError(.unexpectedResponse, "\(host) asked for a bearer token from realm \"\(realm)\", which is not a URL")
        }
        var items = components.queryItems ?? []
        if let service { items.append(URLQueryItem(name: "service", value: service)) }
        items += scopes.map { URLQueryItem(name: "scope", value: $0) }
        components.queryItems = items.isEmpty ? nil : items
        guard let url = components.string else {
            throw RegistryError(.unexpectedResponse, "\(host) asked for a bearer token from realm \"\(realm)\", which is not a URL")
        }
        var request = HTTPClientRequest(url: url)
        if let basic = basicCredentials { request.headers.add(name: "Authorization", value: "Basic \(basic)") }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: .seconds(60), logger: logger)
            body = try await response.body.collect(upTo: 1024 * 1024)
        } catch {
            throw RegistryError(.transport, "the token service \(realm) of \(host) could not be reached: \(error)")
        }
        guard response.status == .ok else {
            let tokenRequest = Request(method: .GET, url: url, host: host, subject: "a token for \(scopes.joined(separator: " ")) from \(realm)")
            throw failure(status: response.status, body: String(buffer: body), tokenRequest)
        }
        struct TokenResponse: Decodable {
            var token: String?
            var access_token: String?
            var expires_in: Int?
        }
        guard let decoded = try? JSONDecoder().decode(TokenResponse.self, from: Data(buffer: body)), let token = decoded.token ?? decoded.access_token else {
            throw RegistryError(.unexpectedResponse, "the token service \(realm) of \(host) answered without a token: \(String(buffer: body).prefix(200))")
        }
        // Tokens are refreshed 10 s before they expire, so a request never starts with one
        // that lapses in flight; 60 s is the spec's default lifetime.
        let lifetime = max(1, (decoded.expires_in ?? 60) - 10)
        let cached = AuthenticationState.Token(value: token, expires: .now + .seconds(lifetime))
        authentication.withLock { state in
            state.tokens[AuthenticationState.tokenKey(host: host, scope: scope)] = cached
        }
    }

    /// `user:password` in base64, when the configuration has credentials.
    var basicCredentials: String? {
        guard case .basic(let username, let password) = configuration.credentials else { return nil }
        return Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
