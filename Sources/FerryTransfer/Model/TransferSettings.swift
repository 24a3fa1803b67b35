/// How volume data is transferred: MTC's direct-volume-migration settings plus Ferry's
/// parallelism, shared by the local and the pod data planes.
public struct TransferSettings: Sendable, Hashable {
    /// Bandwidth limit per rsync stream in KiB/s (`RSYNC_OPT_BWLIMIT`); nil is unlimited.
    public var bandwidthLimitKiBps: Int?
    /// Archive mode (`RSYNC_OPT_ARCHIVE`).
    public var archive: Bool = true
    /// Keep partly sent files so a retry resumes them (`RSYNC_OPT_PARTIAL`).
    public var partial: Bool = true
    /// Delete on the destination what the source no longer has (`RSYNC_OPT_DELETE`);
    /// nil means at cutover only.
    public var delete: Bool?
    /// Preserve hard links (`RSYNC_OPT_HARDLINKS`).
    public var hardLinks: Bool = true
    /// Further rsync options (`RSYNC_OPT_EXTRAS`).
    public var extraOptions: [String] = []
    /// Attempts after a retryable failure before the volume fails (MTC's default is 20).
    public var backoffLimit: Int = 20
    /// The first retry delay; each further retry doubles it up to `maximumRetryDelay`.
    public var initialRetryDelay: Duration = .seconds(1)
    /// The longest delay between two attempts.
    public var maximumRetryDelay: Duration = .seconds(30)
    /// `STUNNEL_TCP_PROXY`: an HTTP CONNECT proxy (`http://user:pass@host:port`) for the tunnel.
    public var tunnelProxy: String?
    /// rsync streams per volume, over a partition of its file list.
    public var streamsPerVolume: Int = 4
    /// Volumes copied at once.
    public var concurrentVolumes: Int = 2
    /// Keep the transfer's work files, processes' configs and pods after the end, for debugging.
    public var keepTransferResources: Bool = false
    /// Where the local plane writes its work files; nil is the system's temporary directory.
    public var workDirectory: String?

    /// The defaults.
    public init() {}

    /// Whether a copy of `kind` deletes on the destination.
    public func deletes(in kind: TransferKind) -> Bool {
        delete ?? (kind == .cutover)
    }
}
