/// Where the transfer of one volume stands; both data planes report it the same way.
public struct VolumeTransferProgress: Sendable, Hashable {
    /// The transfer's state.
    public enum Phase: String, Sendable, Hashable, Codable {
        /// Not started yet (waiting for a slot, a pod, or a retry).
        case pending = "Pending"
        /// Copying.
        case running = "Running"
        /// Copied (possibly with warnings).
        case succeeded = "Succeeded"
        /// Failed after its retries.
        case failed = "Failed"
    }

    /// The volume, as `namespace/claim` of the source.
    public var id: String
    /// The transfer's state.
    public var phase: Phase
    /// Bytes sent in the current attempt.
    public var bytesTransferred: Int64
    /// Bytes of the whole volume, when known.
    public var totalBytes: Int64?
    /// Percent done, when known (0–100).
    public var percent: Int?
    /// Files sent in the current attempt.
    public var filesTransferred: Int
    /// Files of the whole volume, when known.
    public var totalFiles: Int?
    /// The current rate in bytes per second.
    public var bytesPerSecond: Double
    /// Time since the transfer of this volume started.
    public var elapsed: Duration
    /// The current attempt, from 1.
    public var attempt: Int
    /// Every attempt so far, the current one last.
    public var attempts: [TransferAttempt]
    /// Warnings (rsync's exit 24, dropped xattrs, …).
    public var warnings: [String]

    /// Creates a report.
    public init(
        id: String, phase: Phase = .pending, bytesTransferred: Int64 = 0, totalBytes: Int64? = nil, percent: Int? = nil,
        filesTransferred: Int = 0, totalFiles: Int? = nil, bytesPerSecond: Double = 0, elapsed: Duration = .zero,
        attempt: Int = 1, attempts: [TransferAttempt] = [], warnings: [String] = []
    ) {
        self.id = id
        self.phase = phase
        self.bytesTransferred = bytesTransferred
        self.totalBytes = totalBytes
        self.percent = percent
        self.filesTransferred = filesTransferred
        self.totalFiles = totalFiles
        self.bytesPerSecond = bytesPerSecond
        self.elapsed = elapsed
        self.attempt = attempt
        self.attempts = attempts
        self.warnings = warnings
    }
}
