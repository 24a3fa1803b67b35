import AsyncHTTPClient
import Foundation
import KubeCore
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import NIOSSL

/// Sends requests to one API server: rate limiting, credentials, retries with backoff,
/// and the mapping of failures to `KubeAPIError` and `KubeClientError`.
///
/// `tls-server-name` is honoured with AsyncHTTPClient's `dnsOverride`: requests are addressed
/// to the TLS server name, which is mapped to the real host, so SNI and certificate
/// verification use the server name while the connection goes to the configured address.
/// (The `Host` header then carries the server name too, which API servers ignore.) NIOSSL
/// accepts a certificate when either the server name or the connected IP address appears in
/// its subject alternative names.
final class HTTPTransport: Sendable {
    let configuration: ClientConfiguration
    let logger: Logger
    let retryPolicy: RetryPolicy
    private let httpClient: HTTPClient
    private let requestBase: String
    private let limiter: RateLimiter
    private let credentials: CredentialSource
    private let sleep: @Sendable (Duration) async throws -> Void
    private let random: @Sendable () -> Double

    init(
        configuration: ClientConfiguration, logger: Logger, retryPolicy: RetryPolicy? = nil,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) throws(KubeClientError) {
        self.configuration = configuration
        self.logger = logger
        self.retryPolicy = retryPolicy ?? RetryPolicy(maxAttempts: configuration.maxAttempts)
        self.sleep = sleep
        self.random = random
        self.limiter = RateLimiter(queriesPerSecond: configuration.queriesPerSecond, burst: configuration.burst)
        self.credentials = CredentialSource(configuration: configuration, logger: logger)
        guard let url = URL(string: configuration.server), let scheme = url.scheme, let host = url.host else {
            throw KubeClientError(.invalidConfiguration, "\(configuration.origin): server \"\(configuration.server)\" is not a URL")
        }
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        // Connection failures go through Ferry's own retry loop, which gives up at once on
        // TLS failures (a wrong CA never heals) instead of retrying until the connect timeout.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        // Every open watch holds a connection for its lifetime, and a restore keeps many writes
        // in flight: AsyncHTTPClient's default of 8 connections a host would queue them.
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        clientConfiguration.timeout = .init(connect: .nanoseconds(Int64(RateLimiter.seconds(configuration.connectTimeout) * 1e9)), read: nil)
        clientConfiguration.decompression = .enabled(limit: .none)
        if scheme == "https" {
            clientConfiguration.tlsConfiguration = try TLSConfiguration.kubeClient(configuration.tls, origin: configuration.origin)
        }
        var base = configuration.server
        if let serverName = configuration.tls.serverName, scheme == "https", serverName != host {
            clientConfiguration.dnsOverride = [serverName: host]
            let port = url.port.map { ":\($0)" } ?? ""
            base = "\(scheme)://\(serverName)\(port)\(url.path)"
        }
        if let proxy = configuration.proxyURL {
            clientConfiguration.proxy = try Self.proxy(proxy, origin: configuration.origin)
        }
        self.requestBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration, backgroundActivityLogger: logger)
    }

    private static func proxy(_ text: String, origin: String) throws(KubeClientError) -> HTTPClient.Configuration.Proxy {
        guard let url = URL(string: text), let host = url.host, ["http", "https"].contains(url.scheme ?? "") else {
            throw KubeClientError(.invalidConfiguration, "\(origin): proxy-url \"\(text)\" is not an http(s) URL (SOCKS proxies are not supported)")
        }
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        if let user = url.user {
            return .server(host: host, port: port, authorization: .basic(username: user, password: url.password ?? ""))
        }
        return .server(host: host, port: port)
    }

    /// Closes every connection; required before the transport is released.
    func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// Sends a request and reads the whole response; non-2xx answers throw `KubeAPIError`.
    func send(_ request: APIRequest) async throws -> APIResponse {
        let response = try await perform(request, streaming: false)
        return response.buffered!
    }

    /// Sends a request whose response body is read as it arrives (watches); a non-2xx
    /// answer throws `KubeAPIError` after reading its body.
    func openStream(_ request: APIRequest) async throws -> HTTPClientResponse {
        let response = try await perform(request, streaming: true)
        return response.streaming!
    }

    private struct Outcome {
        var buffered: APIResponse?
        var streaming: HTTPClientResponse?
    }

    private func perform(_ request: APIRequest, streaming: Bool) async throws -> Outcome {
        var attempt = 0
        var refreshedCredentials = false
        let url = requestBase + request.pathAndQuery
        while true {
            attempt += 1
            try await limiter.acquire()
            let material = try await credentials.material()
            var httpRequest = HTTPClientRequest(url: url)
            httpRequest.method = HTTPMethod(rawValue: request.method)
            httpRequest.headers.add(name: "Accept", value: request.accept)
            httpRequest.headers.add(name: "User-Agent", value: configuration.userAgent)
            if let authorization = material.authorization { httpRequest.headers.add(name: "Authorization", value: authorization) }
            if let tls = material.tlsConfiguration { httpRequest.tlsConfiguration = tls }
            if let body = request.body {
                httpRequest.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
                httpRequest.body = .bytes(ByteBuffer(bytes: body))
            }
            let response: HTTPClientResponse
            var body: [UInt8] = []
            do {
                let deadline: NIODeadline = streaming ? .distantFuture : .now() + .nanoseconds(Int64(RateLimiter.seconds(configuration.requestTimeout) * 1e9))
                response = try await httpClient.execute(httpRequest, deadline: deadline, logger: logger)
                // A connection that breaks mid-body is a transport failure like any other, so
                // the body is read inside the retry loop (watch bodies are the caller's).
                let isStream = streaming && (200..<300).contains(Int(response.status.code))
                if !isStream { body = try await Array(response.body.collect(upTo: 1 << 30).readableBytesView) }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let failure = TransportFailure(error: error, server: configuration.server, tls: configuration.tls)
                count(request.method, code: "error")
                if failure.isRetryable, RetryPolicy.mayRetry(method: request.method, reachedServer: failure.reachedServer), attempt < retryPolicy.maxAttempts {
                    let delay = retryPolicy.delay(afterAttempt: attempt, random: random())
                    logger.debug("retrying after transport error", metadata: ["url": "\(url)", "attempt": "\(attempt)", "error": "\(error)"])
                    try await sleep(delay)
                    continue
                }
                throw failure.clientError(url: url)
            }
            let status = Int(response.status.code)
            count(request.method, code: String(status))
            if (200..<300).contains(status) {
                if streaming { return Outcome(streaming: response) }
                return Outcome(buffered: APIResponse(status: status, headers: response.headers.map { ($0.name, $0.value) }, body: body))
            }
            let apiError = Self.apiError(status: status, body: body)
            if status == 401, !refreshedCredentials, await credentials.canRefresh {
                refreshedCredentials = true
                await credentials.refused()
                attempt -= 1
                continue
            }
            if RetryPolicy.mayRetry(method: request.method, status: status), attempt < retryPolicy.maxAttempts {
                let retryAfter = response.headers.first(name: "Retry-After").flatMap { RetryPolicy.parseRetryAfter($0) }
                    ?? apiError.details?.retryAfterSeconds.map { Duration.seconds($0) }
                let delay = retryPolicy.delay(afterAttempt: attempt, retryAfter: retryAfter, random: random())
                logger.debug("retrying", metadata: ["url": "\(url)", "status": "\(status)", "attempt": "\(attempt)", "delay": "\(delay)"])
                try await sleep(delay)
                continue
            }
            throw apiError
        }
    }

    private func count(_ method: String, code: String) {
        Counter(label: "kube_client_requests_total", dimensions: [("verb", method), ("code", code)]).increment()
    }

    /// The `Status` in `body`, or a generic error carrying the status code and body text.
    static func apiError(status: Int, body: [UInt8]) -> KubeAPIError {
        if let value = try? JSONValue(parsing: body), let error = KubeAPIError(status: value, httpCode: status) {
            return error
        }
        let text = String(decoding: body.prefix(2048), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase.replacingOccurrences(of: " ", with: "")
        return KubeAPIError(code: status, reason: reason, message: text.isEmpty ? "the server answered \(status) \(HTTPResponseStatus(statusCode: status).reasonPhrase)" : text)
    }
}
