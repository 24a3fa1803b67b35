/// How to reach registries: credentials, TLS trust, and the retry policy.
public struct RegistryConfiguration: Sendable {
    /// Credentials to present when a registry asks for them.
    public enum Credentials: Sendable {
        /// No credentials; works with registries that allow anonymous pulls or tokens.
        case anonymous
        /// A user name and password (or token) for Basic auth and for bearer-token realms.
        case basic(username: String, password: String)
    }

    /// How connections are secured.
    public enum Transport: Sendable {
        /// HTTPS, verified against the system roots or `certificateAuthorityPEM` when given.
        case https(certificateAuthorityPEM: [UInt8]? = nil)
        /// HTTPS without verifying the registry's certificate (like `--tls-verify=false`).
        case httpsInsecure
        /// Plain HTTP, for registries on loopback or inside a trusted network.
        case plainHTTP
    }

    /// Credentials to present when a registry asks for them.
    public var credentials: Credentials
    /// How connections are secured.
    public var transport: Transport
    /// How many times a request that failed with a 5xx status or a broken connection is tried.
    public var maximumAttempts: Int
    /// The wait before the first retry; it doubles on every further retry.
    public var initialBackoff: Duration

    /// A configuration; by default anonymous HTTPS with 4 attempts.
    public init(credentials: Credentials = .anonymous, transport: Transport = .https(), maximumAttempts: Int = 4, initialBackoff: Duration = .milliseconds(100)) {
        self.credentials = credentials
        self.transport = transport
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
    }

    /// The URL scheme for the transport.
    var scheme: String {
        if case .plainHTTP = transport { return "http" }
        return "https"
    }
}
