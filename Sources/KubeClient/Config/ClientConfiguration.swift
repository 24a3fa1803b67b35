/// Everything a `KubeClient` needs to reach one API server as one user, resolved and checked.
public struct ClientConfiguration: Sendable, Hashable {
    /// TLS settings for the connection to the API server.
    public struct TLS: Sendable, Hashable {
        /// PEM of the certificate authorities to trust instead of the system's; `nil` uses the
        /// system trust store.
        public var certificateAuthorityPEM: [UInt8]?
        /// Where the CA came from, for error messages (such as `certificate-authority /x/ca.crt`).
        public var certificateAuthoritySource: String?
        /// PEM of the client certificate chain.
        public var clientCertificatePEM: [UInt8]?
        /// PEM of the client private key.
        public var clientKeyPEM: [UInt8]?
        /// Skip verifying the server's certificate.
        public var insecureSkipVerify: Bool
        /// The name to verify the server's certificate against and send as SNI, when it differs
        /// from the host in `server`.
        public var serverName: String?

        /// Creates TLS settings.
        public init(certificateAuthorityPEM: [UInt8]? = nil, certificateAuthoritySource: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil, insecureSkipVerify: Bool = false, serverName: String? = nil) {
            self.certificateAuthorityPEM = certificateAuthorityPEM
            self.certificateAuthoritySource = certificateAuthoritySource
            self.clientCertificatePEM = clientCertificatePEM
            self.clientKeyPEM = clientKeyPEM
            self.insecureSkipVerify = insecureSkipVerify
            self.serverName = serverName
        }
    }

    /// How requests prove who is making them (client certificates live in `TLS`).
    public enum Credentials: Sendable, Hashable {
        /// No credentials beyond a client certificate, if any.
        case none
        /// A fixed bearer token.
        case bearerToken(String)
        /// A bearer token read from a file and re-read when the file changes.
        case tokenFile(String)
        /// HTTP basic authentication.
        case basic(username: String, password: String)
        /// A credential plugin.
        case exec(Kubeconfig.ExecConfig)
    }

    /// The API server's base URL, without a trailing slash.
    public var server: String
    /// TLS settings.
    public var tls: TLS
    /// Credentials.
    public var credentials: Credentials
    /// The default namespace.
    public var namespace: String
    /// Sustained requests per second the client allows itself; 0 or less disables limiting.
    public var queriesPerSecond: Double
    /// Requests the client may make at once above the sustained rate.
    public var burst: Int
    /// How many times one request is tried in all, counting the first.
    public var maxAttempts: Int
    /// Time allowed to connect.
    public var connectTimeout: Duration
    /// Time allowed for one request and its response (watches are exempt).
    public var requestTimeout: Duration
    /// `User-Agent`.
    public var userAgent: String
    /// An HTTP proxy, from `proxy-url`.
    public var proxyURL: String?
    /// Where this configuration came from, such as `kubeconfig /x/config, context "prod"`.
    public var origin: String

    /// Creates a configuration with client-go's defaults: QPS 5, burst 10.
    public init(
        server: String, tls: TLS = TLS(), credentials: Credentials = .none, namespace: String = "default",
        queriesPerSecond: Double = 5, burst: Int = 10, maxAttempts: Int = 5,
        connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
        userAgent: String = "ferry/0.1", proxyURL: String? = nil, origin: String = "explicit configuration"
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.tls = tls
        self.credentials = credentials
        self.namespace = namespace
        self.queriesPerSecond = queriesPerSecond
        self.burst = burst
        self.maxAttempts = maxAttempts
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
        self.proxyURL = proxyURL
        self.origin = origin
    }
}
