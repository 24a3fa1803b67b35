/// What an rsync exit code means for the copy.
public struct RsyncExitStatus: Sendable, Hashable, CustomStringConvertible {
    /// How the copy ended.
    public enum Outcome: String, Sendable, Hashable {
        /// Everything was copied.
        case success
        /// Copied, but some source files vanished while rsync ran (normal while the application writes).
        case warning
        /// The copy failed; retry or fix the cause.
        case failure
    }

    /// The exit code.
    public var code: Int32
    /// How the copy ended.
    public var outcome: Outcome
    /// Rsync's meaning of the code.
    public var meaning: String

    /// Classifies `code`.
    public init(code: Int32) {
        self.code = code
        self.meaning = Self.meanings[code] ?? "unknown rsync exit code \(code)"
        switch code {
        case 0: outcome = .success
        case 24: outcome = .warning
        default: outcome = .failure
        }
    }

    /// Whether the data should be considered copied.
    public var isSuccess: Bool { outcome != .failure }

    /// Whether trying again can help: socket and protocol-stream errors (what a dropped
    /// connection or a dead tunnel end gives), timeouts, and 255 (the connection was cut
    /// before rsync could say more). File I/O errors (11), partial transfers (23) and
    /// configuration errors fail the same way every time.
    public var isRetryable: Bool {
        [10, 12, 30, 35, 255].contains(code)
    }

    /// `rsync exited with 23 (partial transfer due to error)`.
    public var description: String { "rsync exited with \(code) (\(meaning))" }

    private static let meanings: [Int32: String] = [
        0: "success",
        1: "syntax or usage error",
        2: "protocol incompatibility",
        3: "errors selecting input/output files, dirs",
        4: "requested action not supported",
        5: "error starting client-server protocol (often a refused login: check the module's user and password)",
        6: "daemon unable to append to log-file",
        10: "error in socket I/O",
        11: "error in file I/O",
        12: "error in rsync protocol data stream",
        13: "errors with program diagnostics",
        14: "error in IPC code",
        20: "received SIGUSR1 or SIGINT",
        21: "some error returned by waitpid()",
        22: "error allocating core memory buffers",
        23: "partial transfer due to error",
        24: "partial transfer due to vanished source files",
        25: "the --max-delete limit stopped deletions",
        30: "timeout in data send/receive",
        35: "timeout waiting for daemon connection",
        255: "the connection ended unexpectedly",
    ]
}
