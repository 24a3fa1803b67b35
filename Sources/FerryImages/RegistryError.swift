/// A failure talking to a registry or copying an image, with a message that names the
/// registry, repository and reference involved and what to do about it.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case invalidReference, invalidConfiguration, unauthorized, forbidden, notFound
            case digestMismatch, serverError, unexpectedResponse, invalidManifest, transport
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// An image reference that cannot be parsed.
        public static let invalidReference = Code(.invalidReference)
        /// Credentials, certificates or options that cannot be used.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The registry rejected the credentials (HTTP 401).
        public static let unauthorized = Code(.unauthorized)
        /// The credentials are valid but lack the permission (HTTP 403).
        public static let forbidden = Code(.forbidden)
        /// The repository, tag, manifest or blob does not exist (HTTP 404).
        public static let notFound = Code(.notFound)
        /// The bytes received do not hash to the digest they were requested by.
        public static let digestMismatch = Code(.digestMismatch)
        /// The registry kept failing with a 5xx status after every retry.
        public static let serverError = Code(.serverError)
        /// The registry answered with a status the protocol does not allow there.
        public static let unexpectedResponse = Code(.unexpectedResponse)
        /// A manifest that is not JSON or lacks the fields its media type requires.
        public static let invalidManifest = Code(.invalidManifest)
        /// The connection failed (refused, reset, TLS) after every retry.
        public static let transport = Code(.transport)

        /// The code's name.
        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What failed, naming the objects involved and the fix.
    public let message: String

    /// A failure of kind `code` described by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Whether trying the same operation again may succeed.
    var isRetryable: Bool { code == .serverError || code == .transport }
}
