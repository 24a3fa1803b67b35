/// Limits and timings of the migration runner.
public struct MigrationRunnerSettings: Sendable {
    /// How long one reconcile waits inline for a condition (pods gone, workloads ready) before
    /// handing the worker back and asking to be called again.
    public var inlineWait: Duration = .seconds(5)
    /// How soon a waiting migration is reconciled again.
    public var requeueInterval: Duration = .milliseconds(250)
    /// How long the source's quiesced pods may take to go before the migration fails.
    public var quiesceTimeout: Duration = .seconds(600)
    /// How long destination workloads may take to become ready before a warning is set.
    public var verificationTimeout: Duration = .seconds(60)
    /// How long deleted objects may take to go during a rollback before it fails.
    public var deletionTimeout: Duration = .seconds(300)
    /// Objects to create or delete at once.
    public var maxConcurrentWrites: Int = 16
    /// Destination claims request at least the plan's proposed capacity (MTC's
    /// `ENABLE_DVM_PV_RESIZING`).
    public var resizesVolumes = false

    /// The defaults.
    public init() {}
}
