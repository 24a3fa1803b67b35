/// A failure while preparing or describing a volume transfer.
public struct TransferError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        /// A setting (a proxy address, a module name, an option) is not usable.
        public static let invalidSetting = Code(name: "invalidSetting")
        /// Certificates or keys could not be created or written.
        public static let credentials = Code(name: "credentials")
        /// A program the transfer runs (rsync, stunnel) is not installed.
        public static let toolMissing = Code(name: "toolMissing")
        /// A volume's source directory does not exist or is not a directory.
        public static let sourceMissing = Code(name: "sourceMissing")
        /// The tunnel (rsync daemon, stunnel server or client) could not be started or kept running.
        public static let tunnel = Code(name: "tunnel")
        /// rsync failed for a volume after its retries, or with an error retrying cannot fix.
        public static let transferFailed = Code(name: "transferFailed")
        /// The checksum comparison after the copy found differences.
        public static let verificationFailed = Code(name: "verificationFailed")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String
    /// The volume (`namespace/claim`) the failure belongs to, when it belongs to one.
    public var volumeID: String?
    /// rsync's exit code, when rsync failed.
    public var exitCode: Int32?

    /// Creates an error.
    public init(code: Code, message: String, volumeID: String? = nil, exitCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.volumeID = volumeID
        self.exitCode = exitCode
    }

    /// The code and the message.
    public var description: String { "\(code): \(message)" }
}
