/// Limits and intervals of the Ferry controller, with MTC's defaults.
public struct ControllerSettings: Sendable, Hashable {
    /// Most namespaces one plan may migrate (`NAMESPACE_LIMIT`).
    public var namespaceLimit: Int
    /// Most pods in a plan's source namespaces (`POD_LIMIT`).
    public var podLimit: Int
    /// Most persistent volumes in a plan (`PV_LIMIT`).
    public var persistentVolumeLimit: Int
    /// How often clusters are checked for reachability even when nothing changes.
    public var clusterRecheckInterval: Duration
    /// How often plans are re-validated (source namespaces, pods and volumes change without
    /// the plan changing).
    public var planRecheckInterval: Duration
    /// Concurrent MigMigration reconciles.
    public var migrationWorkers: Int
    /// Concurrent reconciles of every other kind.
    public var workers: Int
    /// Destination claims request at least the proposed capacity MigAnalytic measured
    /// (MTC's `ENABLE_DVM_PV_RESIZING`); also sets the runner's `resizesVolumes`.
    public var enablePVResizing = false

    /// Creates settings.
    public init(namespaceLimit: Int = 10, podLimit: Int = 100, persistentVolumeLimit: Int = 100, clusterRecheckInterval: Duration = .seconds(60), planRecheckInterval: Duration = .seconds(60), migrationWorkers: Int = 4, workers: Int = 2) {
        self.namespaceLimit = namespaceLimit
        self.podLimit = podLimit
        self.persistentVolumeLimit = persistentVolumeLimit
        self.clusterRecheckInterval = clusterRecheckInterval
        self.planRecheckInterval = planRecheckInterval
        self.migrationWorkers = migrationWorkers
        self.workers = workers
    }
}
