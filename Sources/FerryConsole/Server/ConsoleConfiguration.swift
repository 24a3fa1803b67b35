public import FerryAPI
public import KubeClient

/// How the console listens and which cluster it serves.
///
/// The host cluster is given WITHOUT credentials: every request runs with the signed-in
/// user's own token, so the console never acts as a shared identity.
public struct ConsoleConfiguration: Sendable {
    /// Where the console's certificate and key come from.
    public enum TLSSource: Sendable, Hashable {
        /// A certificate generated at start, valid for loopback, `localhost` and the listen host.
        case selfSigned
        /// PEM files: the certificate chain and its private key.
        case files(certificateChain: String, privateKey: String)
    }

    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 picks a free one.
    public var port: Int
    /// The host cluster (API server URL and CA); credentials, if any, are dropped.
    public var hostCluster: ClientConfiguration
    /// The TLS material.
    public var tls: TLSSource
    /// The namespace the migration resources live in.
    public var migrationNamespace: String
    /// How long a browser session lasts after sign-in.
    public var sessionLifetime: Duration
    /// How long a token sent as `Authorization: Bearer` stays checked before it is checked again.
    public var bearerTokenRecheckInterval: Duration

    /// Creates a configuration; the host cluster's credentials (tokens, client certificates)
    /// are removed.
    public init(
        hostCluster: ClientConfiguration, host: String = "127.0.0.1", port: Int = 9443, tls: TLSSource = .selfSigned,
        migrationNamespace: String = MigrationAPI.defaultNamespace, sessionLifetime: Duration = .seconds(8 * 3600),
        bearerTokenRecheckInterval: Duration = .seconds(300)
    ) {
        var cluster = hostCluster
        cluster.credentials = .none
        cluster.tls.clientCertificatePEM = nil
        cluster.tls.clientKeyPEM = nil
        self.hostCluster = cluster
        self.host = host
        self.port = port
        self.tls = tls
        self.migrationNamespace = migrationNamespace
        self.sessionLifetime = sessionLifetime
        self.bearerTokenRecheckInterval = bearerTokenRecheckInterval
    }

    /// The host cluster's configuration carrying `token` as the user's credentials.
    public func hostCluster(token: String) -> ClientConfiguration {
        var configuration = hostCluster
        configuration.credentials = .bearerToken(token)
        configuration.queriesPerSecond = 0
        configuration.origin = "console session on \(hostCluster.server)"
        return configuration
    }
}
