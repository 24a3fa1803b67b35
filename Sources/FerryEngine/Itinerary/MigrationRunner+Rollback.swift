import FerryAPI
import KubeClient
import KubeCore

extension MigrationRunner {
    /// Deletes what the plan created on the destination.
    func deleteMigrated(_ scope: MigrationScope) async throws -> PhaseResult {
        guard !scope.plan.uid.isEmpty else {
            throw MigrationRunnerError(code: "plan-without-uid", message: "MigPlan \(scope.plan.name) has no uid; read it from the cluster")
        }
        let report = try await MigratedObjectCleaner(logger: logger, maxConcurrentRequests: settings.maxConcurrentWrites)
            .deleteMigrated(planUID: scope.plan.uid, namespaces: scope.plan.destinationNamespaces, client: destination)
        if !report.succeeded {
            throw MigrationRunnerError(
                code: "delete-failed",
                message: "\(report.failed.count) migrated object(s) could not be deleted from the destination: \(report.failed.prefix(10).map(\.description).joined(separator: "; "))")
        }
        return .done("Deleted \(report.deleted.count) migrated object(s) from the destination", progress: [report.summary])
    }

    /// Waits until the deleted objects are gone.
    func waitForMigratedDeleted(_ scope: MigrationScope) async throws -> PhaseResult {
        let cleaner = MigratedObjectCleaner(logger: logger, maxConcurrentRequests: settings.maxConcurrentWrites)
        let remaining = try await cleaner.deleteMigrated(planUID: scope.plan.uid, namespaces: scope.plan.destinationNamespaces, client: destination)
        if remaining.deleted.isEmpty { return .done("The destination has no migrated objects left") }
        do {
            try await cleaner.waitUntilGone(remaining, client: destination, timeout: settings.inlineWait)
            return .done("The destination has no migrated objects left")
        } catch {
            let waited = secondsInStep(of: .ensureMigratedDeleted, migration: scope.migration)
            if waited >= settings.deletionTimeout.components.seconds {
                throw MigrationRunnerError(
                    code: "delete-timeout",
                    message: "\(remaining.deleted.count) migrated object(s) were still on the destination after \(waited)s (\(remaining.deleted.prefix(5).map(\.description).joined(separator: ", "))); check their finalizers")
            }
            return .waiting("Waiting for \(remaining.deleted.count) object(s) to be deleted")
        }
    }

    /// Gives moved source volumes their reclaim policy back.
    func restoreSourceVolumes(_ scope: MigrationScope) async throws -> PhaseResult {
        let moved = scope.movedVolumeNames
        guard !moved.isEmpty else { return .skipped("The plan moves no volumes") }
        let restored = try await SourceVolumeRetention(client: source, logger: logger).restore(volumeNames: moved)
        return .done("Restored the reclaim policy of \(restored.count) volume(s)", progress: restored.map { "PersistentVolume \($0)" })
    }
}
