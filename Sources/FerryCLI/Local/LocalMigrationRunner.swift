import FerryAPI
import FerryCLI
import FerryController
import KubeCore
import Logging

/// Runs one migration in this process with the controller's own reconcilers, for hosts
/// without a deployed controller: the plan's clusters and the plan are validated first, then
/// the MigMigration reconciler is driven until the migration ends, while its progress is
/// shown from the watch as with a deployed controller.
struct LocalMigration {
    var host: HostCluster
    var logger: Logger
    var settings = ControllerSettings()

    func run(_ name: String, progress: MigrationProgress) async throws -> MigMigration {
        let connector = ClusterConnector(hostClient: host.client, logger: logger)
        do {
            let final = try await withThrowingTaskGroup(of: MigMigration?.self) { group in
                group.addTask { try await self.drive(name, connector: connector) }
                group.addTask { try await progress.follow(name) }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let migration = result { return migration }
                }
                throw FerryCLIError(code: "local-ended", message: "the local run of migration \(name) ended without a result")
            }
            await connector.shutdown()
            return final
        } catch {
            await connector.shutdown()
            throw error
        }
    }

    /// Reconciles until the migration ends; returns `nil` so the watch reports the end.
    private func drive(_ name: String, connector: ClusterConnector) async throws -> MigMigration? {
        let clusters = MigClusterReconciler(client: host.client, connector: connector, logger: logger)
        let plans = MigPlanReconciler(client: host.client, connector: connector, settings: settings, logger: logger)
        let migrations = MigMigrationReconciler(client: host.client, connector: connector, planRecheckInterval: .seconds(1), logger: logger)
        let key = ObjectKey(namespace: host.namespace, name: name)
        var failures = 0
        while !Task.isCancelled {
            let migration = try MigMigration(object: try await host.client.get(MigMigration.resourceType.resource, name: name, namespace: host.namespace))
            if migration.isFinished { return nil }
            do {
                if migration.status.itinerary == nil, let planName = migration.planName {
                    // Nothing validated the plan yet when no controller runs: do it here.
                    let plan = try await host.plan(planName)
                    for reference in [plan.spec.srcMigClusterRef, plan.spec.destMigClusterRef].compactMap({ $0 }) {
                        if let clusterName = reference.name {
                            _ = try await clusters.reconcile(ObjectKey(namespace: reference.namespace ?? host.namespace, name: clusterName))
                        }
                    }
                    _ = try await plans.reconcile(ObjectKey(namespace: host.namespace, name: planName))
                }
                let result = try await migrations.reconcile(key)
                failures = 0
                switch result {
                case .done:
                    let current = try MigMigration(object: try await host.client.get(MigMigration.resourceType.resource, name: name, namespace: host.namespace))
                    if current.isFinished { return nil }
                    if let blocking = (current.status.conditions ?? []).first(where: { $0.isTrue && $0.category == MigrationCondition.Category.critical }) {
                        throw FerryCLIError(code: "migration-blocked", message: "migration \(name) cannot run: \(blocking.type): \(blocking.message ?? "")")
                    }
                    try await Task.sleep(for: .milliseconds(200))
                case .requeue(let delay):
                    try await Task.sleep(for: min(delay, .seconds(2)))
                }
            } catch let error as FerryCLIError {
                throw error
            } catch is CancellationError {
                return nil
            } catch {
                failures += 1
                logger.warning("reconciling migration \(name) failed; retrying", metadata: ["error": "\(error)", "attempt": "\(failures)"])
                guard failures < 8 else { throw error }
                try await Task.sleep(for: .seconds(min(1 << failures, 15)))
            }
        }
        return nil
    }
}
