/// A failure while preparing or describing a volume transfer.
public struct TransferError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        /// A setting (a proxy address, a module name, an option) is not usable.
        public static let invalidSetting = Code(name: "invalidSetting")
        /// Certificates or keys could not be created or written.
        public static let credentials = Code(name: "credentials")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The code and the message.
    public var description: String { "\(code): \(message)" }
}
