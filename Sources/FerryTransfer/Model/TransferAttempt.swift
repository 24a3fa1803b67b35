public import Foundation

/// One attempt at transferring a volume: a run of rsync (or a transfer pod) from start to end.
public struct TransferAttempt: Sendable, Hashable {
    /// The attempt's number, from 1.
    public var number: Int
    /// The process or pod that ran it.
    public var runner: String?
    /// When it started.
    public var started: Date
    /// When it ended; nil while it runs.
    public var ended: Date?
    /// rsync's exit code, once it ended.
    public var exitCode: Int32?
    /// rsync's (or the tunnel's) last error lines, or a summary of the attempt.
    public var message: String?
    /// Data this attempt sent: rsync's literal data once it finished (what a resumed attempt
    /// did not have to send again is not counted), else the bytes its progress reached.
    public var bytesTransferred: Int64?

    /// Creates an attempt.
    public init(
        number: Int, runner: String? = nil, started: Date, ended: Date? = nil, exitCode: Int32? = nil, message: String? = nil,
        bytesTransferred: Int64? = nil
    ) {
        self.number = number
        self.bytesTransferred = bytesTransferred
        self.runner = runner
        self.started = started
        self.ended = ended
        self.exitCode = exitCode
        self.message = message
    }
}
