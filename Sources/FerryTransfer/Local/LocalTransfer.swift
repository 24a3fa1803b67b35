public import Logging

/// The local data plane: copies volumes whose directories this machine reaches (hostPath and
/// local volumes, mounted NFS, the sandbox) through the same authenticated rsync-over-stunnel
/// topology the transfer pods use, run as local processes.
///
/// One `run` sets up one tunnel with fresh per-run credentials: an rsync daemon on loopback
/// (one module per volume, a per-run password), an stunnel server in front of it that requires
/// the run's client certificate, and an stunnel client (optionally through the CONNECT proxy)
/// that rsync connects to. A volume of large files is split into partitions copied by parallel
/// rsync processes (up to `streamsPerVolume`, at most one per core), then a pass fixes the
/// directories and, at cutover, deletes; a small volume or one of small files is copied by
/// one recursive pass (see ``StreamPolicy``). Retryable failures (a dropped connection, a dead tunnel) are retried with
/// exponential backoff and resume partly sent files.
public struct LocalTransfer: Sendable {
    /// Observation points for tests; the defaults do nothing.
    struct Instrumentation: Sendable {
        /// A tunnel process started (again): its role and process id.
        var tunnelProcessStarted: @Sendable (LocalTunnel.Role, Int32) async -> Void = { _, _ in }
        /// A volume's copy finished and its verification is about to start.
        var beforeVerification: @Sendable (LocalVolume) async throws -> Void = { _ in }
    }

    /// The settings every volume is copied with.
    public var settings: TransferSettings
    let logger: Logger
    var instrumentation = Instrumentation()
    /// How many of `settings.streamsPerVolume` streams each volume gets.
    var streamPolicy = StreamPolicy.measured

    /// Creates a transfer with `settings`, logging to `logger`.
    public init(settings: TransferSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Copies every volume (a stage or the cutover) to the end.
    ///
    /// Calls `progress` about once a second per volume while it copies and on every phase or
    /// attempt change. Throws a ``TransferError`` naming the volume, rsync's exit code and its
    /// last error lines when a volume fails after its retries, or when a verification finds
    /// differences. Cancelling the task stops every process (SIGTERM, then SIGKILL) and removes
    /// the work files.
    public func run(
        _ volumes: [LocalVolume], kind: TransferKind,
        progress: @escaping @Sendable (VolumeTransferProgress) async -> Void
    ) async throws -> [VolumeTransferResult] {
        guard !volumes.isEmpty else { return [] }
        let plan = try LocalTransferPlan(volumes: volumes, settings: settings, logger: logger)
        let workspace = try LocalWorkspace.create(in: settings.workDirectory, keep: settings.keepTransferResources, logger: logger)
        do {
            let results = try await execute(plan, kind: kind, workspace: workspace, progress: progress)
            workspace.finish()
            return results
        } catch {
            workspace.finish()
            throw error
        }
    }
}
