public import KubeCore

/// Labels every created object with the plan and migration, so rollback can find it.
public struct AddMigrationLabels: ObjectTransform {
    /// Label holding the plan uid.
    public static let planLabel = "migration.openshift.io/migrated-by-migplan"
    /// Label holding the migration uid.
    public static let migrationLabel = "migration.openshift.io/migrated-by-migmigration"

    /// Creates the transform.
    public init() {}

    /// `AddMigrationLabels`.
    public var name: String { "AddMigrationLabels" }

    /// Sets both labels.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        object[path: "metadata", "labels", Self.planLabel] = .string(context.planUID)
        object[path: "metadata", "labels", Self.migrationLabel] = .string(context.migrationUID)
        return .keep
    }
}
