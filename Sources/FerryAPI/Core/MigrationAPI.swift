public import KubeCore

/// The Migration Toolkit's API group, as Ferry serves and reads it.
public enum MigrationAPI {
    /// `migration.openshift.io`.
    public static let group = "migration.openshift.io"
    /// `v1alpha1`.
    public static let version = "v1alpha1"
    /// `migration.openshift.io/v1alpha1`.
    public static let apiVersion = "\(group)/\(version)"
    /// The namespace the controller and its custom resources live in unless told otherwise.
    public static let defaultNamespace = "openshift-migration"
    /// The group and version as a value.
    public static let groupVersion = GroupVersion(group: group, version: version)

    /// Label on every object a migration created on the destination: the plan's uid.
    public static let migratedByPlanLabel = "migration.openshift.io/migrated-by-migplan"
    /// Label on every object a migration created on the destination: the migration's uid.
    public static let migratedByMigrationLabel = "migration.openshift.io/migrated-by-migmigration"
    /// Label on the helpers a migration runs in the clusters (hook Jobs and their
    /// ConfigMaps): the migration's uid. Such objects are never migrated themselves.
    public static let migrationHelperLabel = "migration.openshift.io/hook-for-migmigration"
}
