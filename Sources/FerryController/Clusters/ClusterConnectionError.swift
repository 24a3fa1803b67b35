/// Why Ferry cannot talk to the cluster a MigCluster describes; `code` is the reason of the
/// MigCluster's condition and `message` names the fix.
public struct ClusterConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, as a condition reason.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The condition reason.
        public let reason: String
        /// The MTC condition type this failure is reported under.
        public let conditionType: String

        private init(_ reason: String, _ conditionType: String) {
            self.reason = reason
            self.conditionType = conditionType
        }

        /// A remote cluster without `spec.url`.
        public static let urlNotSet = Code("NotSet", "InvalidURL")
        /// A remote cluster without `spec.serviceAccountSecretRef`.
        public static let secretRefNotSet = Code("NotSet", "InvalidSaSecretRef")
        /// The referenced Secret does not exist.
        public static let secretNotFound = Code("NotFound", "InvalidSaSecretRef")
        /// The Secret has no `saToken` key.
        public static let tokenNotFound = Code("NotFound", "InvalidSaToken")
        /// `spec.caBundle` is not base64 of a PEM certificate.
        public static let invalidCABundle = Code("Malformed", "InvalidCABundle")
        /// The API server could not be reached.
        public static let connectFailed = Code("ConnectFailed", "TestConnectFailed")
        /// The server's certificate is not trusted (wrong or missing CA bundle).
        public static let tlsFailed = Code("TLSFailed", "TestConnectFailed")
        /// The server rejected the token.
        public static let unauthorized = Code("Unauthorized", "InvalidSaToken")
        /// The token is valid but may not read the cluster.
        public static let notPrivileged = Code("NotPrivileged", "SaTokenNotPrivileged")

        /// `type/reason`, such as `InvalidSaToken/Unauthorized`.
        public var description: String { "\(conditionType)/\(reason)" }
    }

    /// What is wrong.
    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
