import FerryAPI
import KubeClient
import KubeCore

extension MigrationRunner {
    /// Applies `change` to the migration's status and writes it; on a conflict (the user
    /// changed the spec meanwhile) the change is applied again to the latest object.
    func writeStatus(of migration: MigMigration, _ change: (inout MigMigration) -> Void) async throws -> MigMigration {
        var updated = migration
        change(&updated)
        let resource = MigrationResourceType.migMigration.resource
        for _ in 0..<8 {
            do {
                let written = try await host.updateStatus(resource, updated.encoded(), namespace: updated.namespace)
                return try MigMigration(object: written)
            } catch let error as KubeAPIError where error.isConflict {
                // Only the runner writes the status, so ours wins; the spec is the latest.
                var latest = try MigMigration(object: try await host.get(resource, name: migration.name, namespace: migration.namespace))
                latest.status = updated.status
                updated = latest
            }
        }
        throw MigrationRunnerError(
            code: "status-conflict",
            message: "the status of MigMigration \(migration.name) kept changing while it was written; is a second controller running?")
    }

    /// Like ``writeStatus(of:_:)``, but writes nothing when `change` changes nothing.
    func writeStatusIfChanged(of migration: MigMigration, _ change: (inout MigMigration) -> Void) async throws -> MigMigration {
        var updated = migration
        change(&updated)
        guard updated.status != migration.status else { return migration }
        return try await writeStatus(of: migration, change)
    }
}
