public import FerryAPI

/// What kind of migration a plan describes, reported as the reason of its
/// `MigrationTypeIdentified` condition.
///
/// Rule: different source and destination clusters → `NamespaceMigrationPlan`; the same
/// cluster with every namespace mapped to itself → `StorageConversionPlan` (only volumes move,
/// to other storage classes); the same cluster with renamed namespaces → `StateMigrationPlan`.
public enum MigrationPlanType: String, Sendable, Hashable {
    /// Namespaces move to another cluster.
    case namespaceMigration = "NamespaceMigrationPlan"
    /// Volume state moves to other namespaces of the same cluster.
    case stateMigration = "StateMigrationPlan"
    /// Volumes move to other storage classes in place.
    case storageConversion = "StorageConversionPlan"

    /// The type of `plan`.
    public init(of plan: MigPlan) {
        let source = plan.spec.srcMigClusterRef
        let destination = plan.spec.destMigClusterRef
        let sameCluster = source?.name == destination?.name
            && (source?.namespace ?? plan.namespace) == (destination?.namespace ?? plan.namespace)
        if !sameCluster {
            self = .namespaceMigration
        } else if plan.namespaceMappings.allSatisfy({ $0.source == $0.destination }) {
            self = .storageConversion
        } else {
            self = .stateMigration
        }
    }
}
