/// A kubeconfig as kubectl sees it: clusters, users and contexts by name, merged from one or
/// more files.
///
/// Paths inside a file (`certificate-authority`, `tokenFile`, `client-certificate`, exec
/// commands with a slash) are resolved against that file's directory when it is read, so an
/// entry keeps working after a merge with files from elsewhere.
public struct Kubeconfig: Sendable, Hashable {
    /// A `clusters[]` entry.
    public struct Cluster: Sendable, Hashable {
        /// The entry's name.
        public var name: String
        /// The file that defined the entry.
        public var file: String
        /// `server`, such as `https://127.0.0.1:6443`.
        public var server: String
        /// `certificate-authority`, made absolute.
        public var certificateAuthority: String?
        /// `certificate-authority-data`, still base64-encoded.
        public var certificateAuthorityData: String?
        /// `insecure-skip-tls-verify`.
        public var insecureSkipTLSVerify: Bool
        /// `tls-server-name`.
        public var tlsServerName: String?
        /// `proxy-url`.
        public var proxyURL: String?

        /// Creates a cluster entry.
        public init(name: String, file: String, server: String, certificateAuthority: String? = nil, certificateAuthorityData: String? = nil, insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil) {
            self.name = name
            self.file = file
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
        }
    }

    /// A `users[]` entry.
    public struct User: Sendable, Hashable {
        /// The entry's name.
        public var name: String
        /// The file that defined the entry.
        public var file: String
        /// `token`.
        public var token: String?
        /// `tokenFile`, made absolute.
        public var tokenFile: String?
        /// `client-certificate`, made absolute.
        public var clientCertificate: String?
        /// `client-certificate-data`, still base64-encoded.
        public var clientCertificateData: String?
        /// `client-key`, made absolute.
        public var clientKey: String?
        /// `client-key-data`, still base64-encoded.
        public var clientKeyData: String?
        /// `username`, for basic authentication.
        public var username: String?
        /// `password`, for basic authentication.
        public var password: String?
        /// `exec`, a credential plugin.
        public var exec: ExecConfig?
        /// The name of `auth-provider`, which Ferry does not support.
        public var authProvider: String?

        /// Creates a user entry with no credentials.
        public init(name: String, file: String) {
            self.name = name
            self.file = file
        }
    }

    /// A `contexts[]` entry.
    public struct Context: Sendable, Hashable {
        /// The entry's name.
        public var name: String
        /// The file that defined the entry.
        public var file: String
        /// The cluster it names.
        public var cluster: String
        /// The user it names; may be empty.
        public var user: String
        /// The default namespace; `nil` means `default`.
        public var namespace: String?

        /// Creates a context entry.
        public init(name: String, file: String, cluster: String, user: String, namespace: String? = nil) {
            self.name = name
            self.file = file
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    /// A `user.exec` credential plugin (client.authentication.k8s.io).
    public struct ExecConfig: Sendable, Hashable {
        /// `apiVersion`: `client.authentication.k8s.io/v1` or `/v1beta1`.
        public var apiVersion: String
        /// `command`; absolute when the file gave a relative path with a slash.
        public var command: String
        /// `args`.
        public var args: [String]
        /// `env`, in order.
        public var env: [(name: String, value: String)]
        /// `provideClusterInfo`.
        public var provideClusterInfo: Bool
        /// `interactiveMode`; Ferry never runs interactively.
        public var interactiveMode: String?

        /// Creates an exec configuration.
        public init(apiVersion: String, command: String, args: [String] = [], env: [(name: String, value: String)] = [], provideClusterInfo: Bool = false, interactiveMode: String? = nil) {
            self.apiVersion = apiVersion
            self.command = command
            self.args = args
            self.env = env
            self.provideClusterInfo = provideClusterInfo
            self.interactiveMode = interactiveMode
        }

        public static func == (lhs: ExecConfig, rhs: ExecConfig) -> Bool {
            lhs.apiVersion == rhs.apiVersion && lhs.command == rhs.command && lhs.args == rhs.args
                && lhs.env.map(\.name) == rhs.env.map(\.name) && lhs.env.map(\.value) == rhs.env.map(\.value)
                && lhs.provideClusterInfo == rhs.provideClusterInfo && lhs.interactiveMode == rhs.interactiveMode
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(apiVersion)
            hasher.combine(command)
            hasher.combine(args)
            for variable in env {
                hasher.combine(variable.name)
                hasher.combine(variable.value)
            }
        }
    }

    /// Clusters by name.
    public var clusters: [String: Cluster]
    /// Users by name.
    public var users: [String: User]
    /// Contexts by name.
    public var contexts: [String: Context]
    /// `current-context`.
    public var currentContext: String?
    /// The files merged into this configuration, in precedence order.
    public var files: [String]

    /// Creates a configuration.
    public init(clusters: [String: Cluster] = [:], users: [String: User] = [:], contexts: [String: Context] = [:], currentContext: String? = nil, files: [String] = []) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
        self.files = files
    }

    /// Adds `other`'s entries under `self`'s: as kubectl merges, the first file to define a
    /// name or `current-context` wins.
    public mutating func merge(_ other: Kubeconfig) {
        clusters.merge(other.clusters) { first, _ in first }
        users.merge(other.users) { first, _ in first }
        contexts.merge(other.contexts) { first, _ in first }
        if currentContext == nil || currentContext?.isEmpty == true { currentContext = other.currentContext }
        files += other.files
    }

    /// The merged files, for messages.
    var fileDescription: String {
        files.count == 1 ? files[0] : "[\(files.joined(separator: ", "))]"
    }
}
