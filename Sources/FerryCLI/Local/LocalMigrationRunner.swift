public import FerryAPI
public import FerryController
public import FerryDirectVolume
import FerryEngine
import KubeClient
import KubeCore
public import Logging

/// Runs one migration in this process with the controller's own reconcilers, for hosts
/// without a deployed controller: the plan's clusters and the plan are validated first, then
/// the MigMigration reconciler is driven until the migration ends. Progress is written to the
/// migration's status as a deployed controller writes it, so it is followed the same way.
public struct LocalMigrationRunner: Sendable {
    /// The host cluster.
    public var host: HostCluster
    /// Limits the plan is validated against.
    public var settings: ControllerSettings
    /// How volume data is copied; nil creates the destination claims without data.
    public var directVolume: DirectVolumeSettings?
    private let logger: Logger

    /// Creates a runner.
    public init(host: HostCluster, settings: ControllerSettings = ControllerSettings(), directVolume: DirectVolumeSettings? = nil, logger: Logger) {
        self.host = host
        self.settings = settings
        self.directVolume = directVolume
        self.logger = logger
    }

    /// Reconciles migration `name` until it ends and returns its final version. Volume data is
    /// copied by processes of this run (or by transfer pods), which stop when it ends.
    public func run(_ name: String) async throws -> MigMigration {
        guard let directVolume else { return try await run(name, dataMover: ClaimsOnlyDataMover()) }
        return try await DirectVolumeRuntime.run(directVolume, logger: logger) { mover in
            try await run(name, dataMover: mover)
        }
    }

    private func run(_ name: String, dataMover: any VolumeDataMover) async throws -> MigMigration {
        let connector = ClusterConnector(hostClient: host.client, logger: logger)
        do {
            let final = try await drive(name, connector: connector, dataMover: dataMover)
            await connector.shutdown()
            return final
        } catch {
            await connector.shutdown()
            throw error
        }
    }

    private func drive(_ name: String, connector: ClusterConnector, dataMover: any VolumeDataMover) async throws -> MigMigration {
        let clusters = MigClusterReconciler(client: host.client, connector: connector, logger: logger)
        let plans = MigPlanReconciler(client: host.client, connector: connector, settings: settings, logger: logger)
        let migrations = MigMigrationReconciler(client: host.client, connector: connector, planRecheckInterval: .seconds(1), dataMover: dataMover, logger: logger)
        let key = ObjectKey(namespace: host.namespace, name: name)
        var failures = 0
        while true {
            try Task.checkCancellation()
            let migration = try await current(name)
            if migration.isFinished { return migration }
            do {
                if migration.status.itinerary == nil, let planName = migration.planName {
                    // Nothing validates the plan when no controller runs: do it here.
                    let plan = try await host.plan(planName)
                    for reference in [plan.spec.srcMigClusterRef, plan.spec.destMigClusterRef].compactMap({ $0 }) {
                        guard let clusterName = reference.name else { continue }
                        _ = try await clusters.reconcile(ObjectKey(namespace: reference.namespace ?? host.namespace, name: clusterName))
                    }
                    _ = try await plans.reconcile(ObjectKey(namespace: host.namespace, name: planName))
                    let validated = try await host.plan(planName)
                    if (validated.status.conditions ?? []).hasCritical {
                        // A controller would hold the migration until the plan is fixed; a
                        // local run would wait for ever, so it stops and says why.
                        let problems = PlanReadiness.criticalError(validated).message
                        throw FerryCLIError(
                            code: "plan-not-ready",
                            message: "\(problems)\nMigration \(name) waits until the plan is fixed: run it again with `ferry migrate … --local` after fixing, or delete it (`kubectl -n \(host.namespace) delete migmigration \(name)`)")
                    }
                }
                let result = try await migrations.reconcile(key)
                failures = 0
                switch result {
                case .done:
                    let after = try await current(name)
                    if after.isFinished { return after }
                    if let blocking = (after.status.conditions ?? []).first(where: { $0.isTrue && $0.category == MigrationCondition.Category.critical }) {
                        throw FerryCLIError(code: "migration-blocked", message: "migration \(name) cannot run: \(blocking.type): \(blocking.message ?? "")")
                    }
                    try await Task.sleep(for: .milliseconds(200))
                case .requeue(let delay):
                    try await Task.sleep(for: min(delay, .seconds(2)))
                }
            } catch let error as FerryCLIError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // As the controller's work queue: retry with backoff, give up after a while.
                failures += 1
                logger.warning("reconciling migration \(name) failed; retrying", metadata: ["error": "\(error)", "attempt": "\(failures)"])
                guard failures < 8 else { throw error }
                try await Task.sleep(for: .seconds(min(1 << failures, 15)))
            }
        }
    }

    private func current(_ name: String) async throws -> MigMigration {
        try MigMigration(object: try await host.client.get(MigMigration.resourceType.resource, name: name, namespace: host.namespace))
    }
}
