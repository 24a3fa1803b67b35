public import FerryTransfer

/// A failure of the pod data plane: a transfer pod that cannot start or an rsync that failed
/// for good. Carries the volume's last progress (with its attempts) when it concerns one volume.
public struct PodTransferError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        /// A transfer pod stayed Pending longer than the pending timeout.
        public static let podPending = Code(name: "podPending")
        /// rsync failed with a code retrying cannot fix, or the retries ran out.
        public static let transferFailed = Code(name: "transferFailed")
        /// The destination's endpoint (Route, Service, Ingress) has no address yet or cannot get one.
        public static let endpointUnavailable = Code(name: "endpointUnavailable")
        /// A transfer resource on a cluster is not what the plane expects.
        public static let inconsistentResources = Code(name: "inconsistentResources")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String
    /// rsync's exit code, for `transferFailed`.
    public var exitCode: Int32?
    /// The volume's progress at the failure, with its attempts.
    public var progress: VolumeTransferProgress?

    /// Creates an error.
    public init(code: Code, message: String, exitCode: Int32? = nil, progress: VolumeTransferProgress? = nil) {
        self.code = code
        self.message = message
        self.exitCode = exitCode
        self.progress = progress
    }

    /// The code and the message.
    public var description: String { "\(code): \(message)" }
}
