public import FerryAPI

/// A MigPlan as the console shows it: what the user chose and what the controller found.
public struct PlanView: Codable, Sendable, Hashable {
    /// The MigPlan's name.
    public var name: String
    /// The source MigCluster.
    public var sourceCluster: String?
    /// The destination MigCluster.
    public var destinationCluster: String?
    /// The replication repository.
    public var storage: String?
    /// `full` or `state`.
    public var migrationType: String
    /// The namespaces and their destination names.
    public var namespaces: [PlanForm.NamespaceMapping]
    /// The persistent volumes the controller found, with the user's selections.
    public var persistentVolumes: [MigPlan.PersistentVolume]
    /// The hooks.
    public var hooks: [MigPlan.Hook]
    /// Whether images are copied through the repository.
    public var indirectImageMigration: Bool
    /// Whether volume data is copied through the repository.
    public var indirectVolumeMigration: Bool
    /// A closed plan runs no more migrations.
    public var closed: Bool
    /// Readiness with its reason.
    public var ready: ReadinessView
    /// The validation conditions the review page shows.
    public var conditions: [MigrationCondition]
    /// Storage classes of the source cluster.
    public var sourceStorageClasses: [MigPlan.StorageClass]
    /// Storage classes of the destination cluster.
    public var destinationStorageClasses: [MigPlan.StorageClass]

    /// The annotation recording the plan's migration type, as MTC's console writes it.
    public static let migrationTypeAnnotation = "migration.openshift.io/selected-migplan-type"

    /// The view of `plan`.
    public init(_ plan: MigPlan) {
        name = plan.name
        sourceCluster = plan.spec.srcMigClusterRef?.name
        destinationCluster = plan.spec.destMigClusterRef?.name
        storage = plan.spec.migStorageRef?.name
        migrationType = plan.object.annotations[Self.migrationTypeAnnotation] == "state" ? "state" : "full"
        namespaces = plan.namespaceMappings.map { PlanForm.NamespaceMapping(source: $0.source, destination: $0.destination) }
        persistentVolumes = plan.spec.persistentVolumes ?? []
        hooks = plan.spec.hooks ?? []
        indirectImageMigration = plan.spec.indirectImageMigration ?? false
        indirectVolumeMigration = plan.spec.indirectVolumeMigration ?? false
        closed = plan.spec.closed ?? false
        conditions = plan.status.conditions ?? []
        ready = ReadinessView(conditions: conditions)
        sourceStorageClasses = plan.status.srcStorageClasses ?? []
        destinationStorageClasses = plan.status.destStorageClasses ?? []
    }
}
