import FerryAPI

/// The MTC labels the pod plane puts on its resources.
enum MigrationLabels {
    /// `migration.openshift.io/migrated-by-migmigration`: the migration's uid.
    static let migration = MigrationAPI.migratedByMigrationLabel
}
