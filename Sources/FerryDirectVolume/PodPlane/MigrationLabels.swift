import FerryAPI

/// The MTC labels the pod plane puts on its resources.
enum MigrationLabels {
    /// `migration.openshift.io/migrated-by-migmigration`: the migration's uid.
    static let migration = MigrationAPI.migratedByMigrationLabel
    /// `migration.openshift.io/hook-for-migmigration`: the migration's uid; marks a helper the
    /// migration runs in an application's namespace, which collection never migrates.
    static let helper = MigrationAPI.migrationHelperLabel
}
