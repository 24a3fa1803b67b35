/// One `--info=progress2` report of an rsync transfer.
public struct RsyncProgress: Sendable, Hashable {
    /// Bytes transferred so far.
    public var bytes: Int64
    /// Rsync's estimate of the whole transfer's completion, 0-100.
    public var percent: Int
    /// The current rate in bytes per second.
    public var bytesPerSecond: Double
    /// Seconds since the transfer started (or the estimated time left while running).
    public var elapsedSeconds: Int
    /// Files transferred so far (`xfr#`), when rsync said.
    public var filesTransferred: Int?
    /// Files still to check (`to-chk`/`ir-chk` numerator), when rsync said.
    public var filesRemaining: Int?
    /// Files known so far (`to-chk`/`ir-chk` denominator), when rsync said.
    public var filesTotal: Int?
    /// Whether rsync had the whole file list (`to-chk`) rather than still scanning (`ir-chk`).
    public var fileListComplete: Bool

    /// Whether every file was checked: the end of the transfer. Use this rather than
    /// `percent`, which counts hard-linked data twice and so stays below 100 when there are hard links.
    public var isFinished: Bool { fileListComplete && filesRemaining == 0 }

    /// Creates a report.
    public init(
        bytes: Int64, percent: Int, bytesPerSecond: Double, elapsedSeconds: Int,
        filesTransferred: Int? = nil, filesRemaining: Int? = nil, filesTotal: Int? = nil, fileListComplete: Bool = false
    ) {
        self.bytes = bytes
        self.percent = percent
        self.bytesPerSecond = bytesPerSecond
        self.elapsedSeconds = elapsedSeconds
        self.filesTransferred = filesTransferred
        self.filesRemaining = filesRemaining
        self.filesTotal = filesTotal
        self.fileListComplete = fileListComplete
    }
}
