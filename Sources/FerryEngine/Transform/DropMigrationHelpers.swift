import FerryAPI
public import KubeCore

/// Drops the helpers a migration runs inside the namespaces it migrates (hook Jobs, their
/// pods and playbook ConfigMaps): they belong to the migration, not to the application.
public struct DropMigrationHelpers: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `DropMigrationHelpers`.
    public var name: String { "DropMigrationHelpers" }

    /// Drops objects carrying the migration helper label.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard object.labels[MigrationAPI.migrationHelperLabel] != nil else { return .keep }
        return .drop(reason: "a helper of a migration (hook), not part of the application")
    }
}
