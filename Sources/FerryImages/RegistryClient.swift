import AsyncHTTPClient
public import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// Speaks the OCI distribution API to registries with one set of credentials and TLS
/// settings: authentication (anonymous, Basic, bearer tokens cached per scope), retries with
/// backoff on 5xx answers and broken connections, and errors that say what to fix.
public final class RegistryClient: Sendable {
    /// A request to a registry; `body` is kept so the request can be sent again.
    struct Request: Sendable {
        var method: HTTPMethod
        var url: String
        var headers: HTTPHeaders = [:]
        var body: ByteBuffer?
        /// The registry host, whose auth challenge applies.
        var host: String
        /// The token scope, e.g. `repository:team/app:pull`.
        var scope: String?
        /// What is asked for, for error messages, e.g. `manifest team/app:v1 on 127.0.0.1:5000`.
        var subject: String
    }

    let configuration: RegistryConfiguration
    let httpClient: HTTPClient
    let logger: Logger
    let authentication = Mutex(AuthenticationState())

    /// A client for registries reached as `configuration` says.
    public init(configuration: RegistryConfiguration, logger: Logger) throws(RegistryError) {
        self.configuration = configuration
        self.logger = logger
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        clientConfiguration.timeout = .init(connect: .seconds(15), read: .seconds(120))
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        // Failed connections go through Ferry's own retry loop; AsyncHTTPClient's would retry
        // a TLS failure (which never heals) until the connect timeout.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        switch configuration.transport {
        case .https(let certificateAuthorityPEM?):
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(certificateAuthorityPEM))
            } catch {
                throw RegistryError(.invalidConfiguration, "the registry certificate authority could not be read as PEM: \(error); pass a PEM file with the CA that signed the registry's certificate")
            }
        case .https(nil), .plainHTTP:
            break
        case .httpsInsecure:
            tls.certificateVerification = .none
        }
        clientConfiguration.tlsConfiguration = tls
        httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration, backgroundActivityLogger: logger)
    }

    /// Closes every connection. Call it once the client is no longer needed.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// The base URL of `host`'s API, e.g. `https://127.0.0.1:5000/v2`.
    func baseURL(_ host: String) -> String {
        "\(configuration.scheme)://\(host)/v2"
    }

    /// Checks that `registry` speaks the distribution API and accepts the credentials.
    public func ping(registry: String) async throws {
        let request = Request(method: .GET, url: baseURL(registry) + "/", host: registry, subject: "registry \(registry)")
        let response = try await send(request)
        try await expect(response, [200], request)
        _ = try? await response.body.collect(upTo: 64 * 1024)
    }

    /// Sends `request` with authentication, retrying 5xx answers and broken connections
    /// with backoff. 4xx answers other than an answered auth challenge are returned.
    func send(_ request: Request, timeout: TimeAmount = .seconds(120)) async throws -> HTTPClientResponse {
        var attempt = 1
        var backoff = configuration.initialBackoff
        var answeredChallenge = false
        while true {
            do {
                var httpRequest = HTTPClientRequest(url: request.url)
                httpRequest.method = request.method
                httpRequest.headers = request.headers
                if let authorization = authorizationHeader(host: request.host, scope: request.scope) {
                    httpRequest.headers.replaceOrAdd(name: "Authorization", value: authorization)
                }
                if let body = request.body {
                    httpRequest.body = .bytes(body)
                } else if request.method == .PUT || request.method == .POST || request.method == .PATCH {
                    httpRequest.headers.replaceOrAdd(name: "Content-Length", value: "0")
                }
                let response = try await httpClient.execute(httpRequest, timeout: timeout, logger: logger)
                if response.status == .unauthorized, !answeredChallenge,
                    let header = response.headers.first(name: "WWW-Authenticate"), let challenge = AuthChallenge(header: header)
                {
                    _ = try? await response.body.collect(upTo: 64 * 1024)
                    answeredChallenge = true
                    try await answer(challenge, host: request.host, scope: request.scope, subject: request.subject)
                    continue
                }
                if response.status.code >= 500 || response.status == .tooManyRequests, attempt < configuration.maximumAttempts {
                    let body = try? await response.body.collect(upTo: 64 * 1024)
                    logger.debug("registry answered \(response.status.code); retrying", metadata: ["subject": "\(request.subject)", "attempt": "\(attempt)", "body": "\(body.map { String(buffer: $0) } ?? "")"])
                } else {
                    return response
                }
            } catch let error as RegistryError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard attempt < configuration.maximumAttempts else {
                    throw RegistryError(.transport, "\(request.method) \(request.subject) failed after \(attempt) attempts: \(error); check that the registry is reachable at \(request.host) and that its TLS settings match (CA, --tls-verify, plain HTTP)")
                }
                logger.debug("request failed; retrying", metadata: ["subject": "\(request.subject)", "attempt": "\(attempt)", "error": "\(error)"])
            }
            try await Task.sleep(for: backoff)
            backoff *= 2
            attempt += 1
        }
    }

    /// Throws the error a response with a status outside `expected` stands for.
    func expect(_ response: HTTPClientResponse, _ expected: Set<UInt>, _ request: Request) async throws {
        guard !expected.contains(response.status.code) else { return }
        let body = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
        throw failure(status: response.status, body: body, request)
    }

    /// The error for an unexpected `status`, with the registry's own message.
    func failure(status: HTTPResponseStatus, body: String, _ request: Request) -> RegistryError {
        let said = body.isEmpty ? "" : ": \(body.trimmingSuffixNewlines())"
        switch status.code {
        case 401:
            return RegistryError(.unauthorized, "\(request.host) rejected the credentials for \(request.subject) (401 Unauthorized)\(said); check the user name and password (or token) given for this registry")
        case 403:
            return RegistryError(.forbidden, "\(request.host) denied \(request.method) on \(request.subject) (403 Forbidden)\(said); the credentials lack permission for this repository")
        case 404:
            return RegistryError(.notFound, "\(request.subject) does not exist (404 Not Found)\(said); check the repository name and the tag or digest")
        case 500...:
            return RegistryError(.serverError, "\(request.host) failed \(request.method) on \(request.subject) with \(status.code) \(status.reasonPhrase) after \(configuration.maximumAttempts) attempts\(said); check the registry's logs and storage")
        default:
            return RegistryError(.unexpectedResponse, "\(request.host) answered \(request.method) on \(request.subject) with \(status.code) \(status.reasonPhrase)\(said)")
        }
    }
}

extension String {
    fileprivate func trimmingSuffixNewlines() -> String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
