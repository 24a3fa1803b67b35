import Crypto
import Foundation
import Hummingbird
import HummingbirdTLS
public import KubeSimStorage
import KubeCore
import KubeSimAuth
import KubeSimControllers
public import Logging
import NIOCore
import NIOSSL
public import ServiceLifecycle

/// One simulated Kubernetes cluster: its object store, controllers and HTTPS API server.
///
/// Run it as a `Service` under a `ServiceGroup` (it serves until graceful shutdown), or in
/// tests use ``withRunning(_:logger:_:)``.
public final class KubeSimCluster: Service, Sendable {
    /// How the cluster was configured.
    public let configuration: Configuration
    /// The cluster's objects.
    public let store: ObjectStore
    /// The resources the cluster serves.
    public let registry: ResourceRegistry
    /// The bearer token of the `kubernetes-admin` user (group `system:masters`).
    public let adminToken: String
    /// The TLS material.
    public let certificates: ClusterCertificates

    private let logger: Logger
    private let authenticator: Authenticator
    private let controllerSettings: ClusterSettings
    private let serving = ServingLatch()

    /// The certificate authority clients must trust, PEM encoded.
    public var caCertificatePEM: String { certificates.caCertificatePEM }

    /// Creates the cluster: loads or creates its state, certificates and admin token.
    /// Nothing listens until ``run()``.
    public init(configuration: Configuration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        if let directory = configuration.stateDirectory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        certificates = try ClusterCertificates.loadOrCreate(clusterName: configuration.name, directory: configuration.stateDirectory)
        adminToken = try Self.loadOrCreateToken(configuration)
        registry = ResourceRegistry()
        store = try ObjectStore(registry: registry, stateDirectory: configuration.stateDirectory.map { "\($0)/store" })
        controllerSettings = ClusterSettings(
            clusterName: configuration.name, stateDirectory: configuration.stateDirectory, nodeNames: configuration.nodeNames,
            caCertificatePEM: certificates.caCertificatePEM, jobPodRunTime: configuration.jobPodRunTime)
        try KubeSimControllers.bootstrap(store: store, settings: controllerSettings)
        authenticator = Authenticator(
            store: store, adminToken: adminToken, signingKey: try Self.loadOrCreateSigningKey(configuration))
    }

    /// The port the server listens on, once it serves.
    public var port: Int? { serving.port }

    /// The server's base URL, such as `https://127.0.0.1:6443`, once it serves.
    public var url: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "https://\(host):\(port ?? configuration.port)"
    }

    /// Runs the API server and the controllers until graceful shutdown.
    public func run() async throws {
        // Whatever way the services end, the store's log is flushed and closed.
        defer { store.close() }
        do {
            let tls = try Self.tlsConfiguration(certificates)
            let authorizer = RBACAuthorizer(store: store)
            let server = APIServer(
                store: store, registry: registry,
                access: AccessControl(authenticator: authenticator, authorizer: authorizer),
                reviews: AuthReviews(authenticator: authenticator, authorizer: authorizer), logger: logger)
            let tokens = TokenSecretController(
                store: store, authenticator: authenticator, caCertificatePEM: caCertificatePEM, logger: logger)
            let controllers = KubeSimControllers.makeAll(
                context: ControllerContext(store: store, logger: logger), settings: controllerSettings) + [tokens]
            let shutdown = ServerShutdownSignal()
            let application = Application(
                responder: server,
                server: try .tls(.http1(configuration: .init(additionalChannelHandlers: [ClientDepartureHandler(shutdown: shutdown)])), tlsConfiguration: tls),
                configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
                onServerRunning: { [weak self] channel in self?.markServing(channel.localAddress?.port ?? 0) },
                logger: logger)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: application)] + controllers.map { .init(service: $0) }, logger: logger))
            // Cancellation (a test's time limit, say) stops the server without a graceful
            // shutdown; connections arriving then must be refused just the same.
            try await withTaskCancellationHandler {
                try await withGracefulShutdownHandler {
                    try await group.run()
                } onGracefulShutdown: {
                    shutdown.begin()
                }
            } onCancel: {
                shutdown.begin()
            }
        } catch {
            markFailed(error)
            throw error
        }
        markFailed(CancellationError())
    }

    /// Waits until the server accepts connections and returns its port; throws if it failed to start.
    @discardableResult
    public func waitUntilServing() async throws -> Int {
        try await serving.wait()
    }

    private func markServing(_ port: Int) {
        serving.markServing(port)
        logger.info("KubeSim cluster serving", metadata: ["cluster": "\(configuration.name)", "url": "\(url)"])
    }

    private func markFailed(_ error: any Error) {
        serving.markFailed(error)
    }

    private static func tlsConfiguration(_ certificates: ClusterCertificates) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificates.servingCertificatePEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(certificates.servingKeyPEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.applicationProtocols = ["http/1.1"]
        // Clients that vanish without a close_notify would otherwise hold every connection
        // (and so a graceful shutdown) for NIOSSL's default five seconds.
        tls.shutdownTimeout = .milliseconds(250)
        return tls
    }

    private static func loadOrCreateSigningKey(_ configuration: Configuration) throws -> [UInt8] {
        guard let directory = configuration.stateDirectory else { return Authenticator.generateSigningKey() }
        let path = URL(fileURLWithPath: directory).appendingPathComponent("sa-signing-key")
        if let stored = try? String(contentsOf: path, encoding: .utf8),
            let key = Data(base64Encoded: stored.trimmingCharacters(in: .whitespacesAndNewlines)), key.count >= 32
        {
            return Array(key)
        }
        let key = Authenticator.generateSigningKey()
        try Data((Data(key).base64EncodedString() + "\n").utf8).write(to: path, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path.path)
        return key
    }

    private static func loadOrCreateToken(_ configuration: Configuration) throws -> String {
        if let token = configuration.adminToken { return token }
        let random = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let created = random.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        guard let directory = configuration.stateDirectory else { return created }
        let path = URL(fileURLWithPath: directory).appendingPathComponent("admin-token")
        if let stored = try? String(contentsOf: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !stored.isEmpty {
            return stored
        }
        try Data((created + "\n").utf8).write(to: path, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path.path)
        return created
    }
}
