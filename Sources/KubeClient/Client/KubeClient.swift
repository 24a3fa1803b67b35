public import KubeCore
public import Logging
import Synchronization

/// A client for one Kubernetes API server, as one user.
///
/// Objects travel as `KubeObject` (lossless JSON). Call `shutdown()` before releasing the
/// client: it owns an HTTP connection pool.
public final class KubeClient: Sendable {
    /// The configuration the client was made with.
    public let configuration: ClientConfiguration
    let transport: HTTPTransport
    let logger: Logger
    let discoveryCache = Mutex<DiscoveryCache>(DiscoveryCache())

    struct DiscoveryCache {
        var mapper: ResourceMapper?
        var fetched: ContinuousClock.Instant?
    }

    /// Creates a client; `retryPolicy` defaults to `configuration.maxAttempts` attempts with
    /// exponential backoff.
    public init(configuration: ClientConfiguration, logger: Logger, retryPolicy: RetryPolicy? = nil) throws(KubeClientError) {
        self.configuration = configuration
        self.logger = logger
        self.transport = try HTTPTransport(configuration: configuration, logger: logger, retryPolicy: retryPolicy)
    }

    /// Creates a client that sleeps and draws jitter through the given functions (tests).
    init(configuration: ClientConfiguration, logger: Logger, retryPolicy: RetryPolicy?, sleep: @escaping @Sendable (Duration) async throws -> Void) throws(KubeClientError) {
        self.configuration = configuration
        self.logger = logger
        self.transport = try HTTPTransport(configuration: configuration, logger: logger, retryPolicy: retryPolicy, sleep: sleep, random: { 0 })
    }

    /// Closes every connection. Required before the client is released.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// The default namespace of the configuration.
    public var namespace: String { configuration.namespace }

    /// Sends a request and returns the parsed JSON body; the building block of every
    /// operation, public for resources and subresources the typed helpers do not cover.
    public func send(_ request: APIRequest) async throws -> JSONValue {
        let response = try await transport.send(request)
        guard !response.body.isEmpty else { return .null }
        do {
            return try JSONValue(parsing: response.body)
        } catch {
            throw KubeClientError(.invalidResponse, "\(request.method) \(configuration.server)\(request.pathAndQuery): the response is not JSON: \(error)")
        }
    }

    /// GETs a path that names no resource (`/version`, `/healthz`, `/openapi/v2`) and returns
    /// the raw body.
    public func getRaw(path: String, accept: String = "application/json, */*") async throws -> [UInt8] {
        try await transport.send(APIRequest(method: "GET", path: path, accept: accept)).body
    }
}
