import KubeCore

/// A failure of the client itself rather than of the API server: configuration, transport,
/// or a response that could not be read.
public struct KubeClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The kubeconfig is missing, unreadable or inconsistent.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The server could not be reached or the connection broke.
        public static let transport = Code("transport")
        /// The server's response could not be decoded.
        public static let invalidResponse = Code("invalidResponse")
        /// A credential plugin failed.
        public static let credentialPlugin = Code("credentialPlugin")
        /// The kind or resource is not served by the cluster.
        public static let unknownResource = Code("unknownResource")

        public var description: String { name }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, naming the thing and, where possible, the fix.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
