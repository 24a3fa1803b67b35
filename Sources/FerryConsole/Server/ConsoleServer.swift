public import Hummingbird
import HummingbirdTLS
public import Logging
public import ServiceLifecycle
import KubeCore

/// The web console: HTTPS server, sessions, JSON API and pages, run as a `Service`.
public final class ConsoleServer: Service, Sendable {
    /// How it listens and which cluster it serves.
    public let configuration: ConsoleConfiguration
    /// The signed-in sessions.
    public let sessions: ConsoleSessions
    /// The operations behind the API and the pages.
    public let backend: ConsoleBackend
    /// The TLS material it serves (clients trust ``ConsoleCertificate/authorityPEM``).
    public let certificate: ConsoleCertificate
    private let logger: Logger
    private let serving = ServingLatch()

    /// Creates the server; a self-signed certificate is generated now, given files are read now.
    public init(configuration: ConsoleConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        certificate = try ConsoleCertificate.load(configuration.tls, host: configuration.host)
        sessions = ConsoleSessions(configuration: configuration, logger: logger)
        backend = ConsoleBackend(namespace: configuration.migrationNamespace, hostCluster: configuration.hostCluster, logger: logger)
    }

    /// The router the server serves (also for in-process tests).
    public func router() -> Router<ConsoleRequestContext> {
        ConsoleRouter.build(backend: backend, sessions: sessions)
    }

    /// The port it listens on, once it serves.
    public var port: Int? { serving.port }

    /// The console's address, such as `https://127.0.0.1:9443`.
    public var url: String {
        let host = configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host
        let shown = host.contains(":") ? "[\(host)]" : host
        return "https://\(shown):\(port ?? configuration.port)"
    }

    /// Serves until graceful shutdown; sessions' clients are closed at the end.
    public func run() async throws {
        do {
            let application = Application(
                router: router(),
                server: try .tls(.http1(), tlsConfiguration: certificate.serverConfiguration()),
                configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "ferry-console"),
                onServerRunning: { [weak self] channel in self?.markServing(channel.localAddress?.port ?? 0) },
                logger: logger)
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: application), .init(service: sessions)], logger: logger))
            try await group.run()
        } catch {
            markFailed(error)
            throw error
        }
        markFailed(CancellationError())
    }

    /// Waits until the server accepts connections and returns its port.
    @discardableResult
    public func waitUntilServing() async throws -> Int {
        try await serving.wait()
    }

    private func markServing(_ port: Int) {
        serving.markServing(port)
        logger.info("console serving", metadata: ["url": "\(url)"])
    }

    private func markFailed(_ error: any Error) {
        serving.markFailed(error)
    }
}
