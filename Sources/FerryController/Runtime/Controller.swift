public import KubeCore

/// One reconciler with the watches that feed it: its own resource (every change re-queues the
/// changed object) and triggers that map changes of other objects to keys of its own.
public struct Controller: Sendable {
    /// Maps a change of another resource to the keys it affects (a MigCluster change to the
    /// MigPlans that reference it, a MigPlan change to its MigMigrations).
    public struct Trigger: Sendable {
        /// The resource whose changes are mapped.
        public var resource: GroupVersionResource
        /// The keys of the controller's own resource affected by one change; `informers` gives
        /// the cached objects of every watched resource.
        public var keys: @Sendable (InformerEvent, InformerSet) -> [ObjectKey]

        /// Creates a trigger.
        public init(resource: GroupVersionResource, keys: @escaping @Sendable (InformerEvent, InformerSet) -> [ObjectKey]) {
            self.resource = resource
            self.keys = keys
        }
    }

    /// A name for logs.
    public var name: String
    /// The reconciled resource.
    public var resource: GroupVersionResource
    /// Converges one object.
    public var reconciler: any Reconciler
    /// How many keys are reconciled at once (never the same key twice).
    public var workers: Int
    /// Changes of other resources that re-queue objects of this one.
    public var triggers: [Trigger]
    /// The backoff of keys whose reconciliation failed.
    public var backoff: Backoff

    /// Creates a controller.
    public init(name: String, resource: GroupVersionResource, reconciler: any Reconciler, workers: Int = 2, triggers: [Trigger] = [], backoff: Backoff = Backoff()) {
        self.name = name
        self.resource = resource
        self.reconciler = reconciler
        self.workers = workers
        self.triggers = triggers
        self.backoff = backoff
    }
}
