import FerryAPI
import FerryImages
import Foundation
public import FerryEngine
public import KubeClient
import KubeCore
public import Logging

/// Runs MigMigrations: loads the migration and its plan, makes the plan the migration's owner,
/// holds a migration that has not started while its plan is not Ready (condition
/// `PlanNotReady`), and otherwise hands it to FerryEngine's `MigrationRunner` with clients of
/// the plan's clusters.
public struct MigMigrationReconciler: Reconciler {
    static let managedTypes: Set<String> = ["PlanNotReady", "InvalidPlanRef", "SourceClusterSameAsDestination", "Postponed", "InvalidSpec"]

    private let client: KubeClient
    private let connector: ClusterConnector
    private let runnerSettings: MigrationRunnerSettings
    private let planRecheckInterval: Duration
    private let dataMover: any VolumeDataMover
    private let logger: Logger

    /// Creates the reconciler; `client` reaches the host cluster holding the migrations and
    /// `dataMover` copies the volumes' data.
    public init(
        client: KubeClient, connector: ClusterConnector, runnerSettings: MigrationRunnerSettings = MigrationRunnerSettings(), planRecheckInterval: Duration = .seconds(10),
        dataMover: any VolumeDataMover = ClaimsOnlyDataMover(), logger: Logger
    ) {
        self.client = client
        self.connector = connector
        self.runnerSettings = runnerSettings
        self.planRecheckInterval = planRecheckInterval
        self.dataMover = dataMover
        self.logger = logger
    }

    /// Advances one migration as far as it goes now.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let namespace = key.namespace ?? MigrationAPI.defaultNamespace
        let object: KubeObject
        do {
            object = try await client.get(MigMigration.resourceType.resource, name: key.name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return .done
        }
        var migration = try MigMigration(object: object)
        if migration.isFinished { return .done }

        guard let planName = migration.planName, !planName.isEmpty else {
            try await hold(migration, MigrationCondition(type: "InvalidPlanRef", status: true, reason: "NotSet", category: MigrationCondition.Category.critical,
                message: "MigMigration \(migration.name) names no plan; set spec.migPlanRef.name to a MigPlan."))
            return .done
        }
        let planNamespace = migration.spec.migPlanRef?.namespace ?? namespace
        let plan: MigPlan
        do {
            plan = try MigPlan(object: try await client.get(MigPlan.resourceType.resource, name: planName, namespace: planNamespace))
        } catch let error as KubeAPIError where error.isNotFound {
            try await hold(migration, MigrationCondition(type: "InvalidPlanRef", status: true, reason: "NotFound", category: MigrationCondition.Category.critical,
                message: "MigPlan \(planNamespace)/\(planName) named by spec.migPlanRef does not exist; create it or fix the reference."))
            return .done
        }
        migration = try await ownedByPlan(migration, plan: plan)

        // A migration canceled before it started goes to the runner, which ends it as canceled.
        let started = migration.status.itinerary != nil || migration.spec.canceled == true
        if !started {
            if !plan.isReady {
                let problems = (plan.status.conditions ?? []).filter { $0.isTrue && ($0.category == MigrationCondition.Category.critical || $0.type == "PlanClosed") }
                let detail = problems.compactMap { $0.message ?? $0.type }.joined(separator: "; ")
                try await hold(migration, MigrationCondition(type: "PlanNotReady", status: true, reason: "NotReady", category: MigrationCondition.Category.critical,
                    message: "The associated migration plan is not ready\(detail.isEmpty ? "" : ": \(detail)")."))
                return .requeue(after: planRecheckInterval)
            }
            if [migration.spec.stage, migration.spec.migrateState, migration.spec.rollback].filter({ $0 == true }).count > 1 {
                try await hold(migration, MigrationCondition(type: "InvalidSpec", status: true, reason: "NotSupported", category: MigrationCondition.Category.critical,
                    message: "Only one of the stage/migrateState/rollback options can be set at a time; a state migration's stage is migrateState without quiescePods."))
                return .done
            }
            if MigrationPlanType(of: plan) == .storageConversion, migration.spec.migrateState != true, migration.spec.rollback != true {
                try await hold(migration, MigrationCondition(type: "SourceClusterSameAsDestination", status: true, reason: "NotSupported", category: MigrationCondition.Category.critical,
                    message: "MigPlan \(plan.name) converts storage within one cluster and namespace; only a state migration can run from it: set spec.migrateState: true."))
                return .done
            }
            if let running = try await migrationAhead(of: migration, plan: plan) {
                try await hold(migration, MigrationCondition(type: "Postponed", status: true, reason: "AnotherMigrationRunning", category: MigrationCondition.Category.advisory,
                    message: "Migration postponed while MigMigration \(running.name) of plan \(plan.name) runs; it starts when that one ends."))
                return .requeue(after: planRecheckInterval)
            }
            migration = try await hold(migration, nil)
        }

        let sourceCluster = try await migCluster(plan.spec.srcMigClusterRef, plan: plan, role: "source")
        let destinationCluster = try await migCluster(plan.spec.destMigClusterRef, plan: plan, role: "destination")
        let source = try await connector.client(for: sourceCluster)
        let destination = try await connector.client(for: destinationCluster)
        let images = try await imageMigration(from: sourceCluster, to: destinationCluster)
        let runner = MigrationRunner(
            host: client, source: source, destination: destination, logger: logger, settings: runnerSettings, dataMover: dataMover,
            imageMigrator: images?.migrator, imageRegistryPaths: images?.paths)
        let outcome: MigrationRunner.Outcome
        do {
            outcome = try await runner.run(migration: migration, plan: plan)
        } catch {
            try? await images?.shutdown()
            throw error
        }
        try await images?.shutdown()
        switch outcome {
        case .finished:
            return .done
        case .requeue(let delay):
            return .requeue(after: delay)
        }
    }

    /// The image copier for a plan whose clusters both name a registry; `nil` otherwise (the
    /// runner then skips the image step and says why).
    private func imageMigration(from source: MigCluster, to destination: MigCluster) async throws -> PlanImageMigration? {
        guard let sourceRegistry = RegistryEndpoint(cluster: source, token: try await serviceAccountToken(of: source)),
            let destinationRegistry = RegistryEndpoint(cluster: destination, token: try await serviceAccountToken(of: destination))
        else { return nil }
        let sourceClient = try RegistryClient(configuration: sourceRegistry.configuration, logger: logger)
        let destinationClient: RegistryClient
        do {
            destinationClient = try RegistryClient(configuration: destinationRegistry.configuration, logger: logger)
        } catch {
            try? await sourceClient.shutdown()
            throw error
        }
        return PlanImageMigration(
            migrator: RegistryImageMigrator(source: sourceClient, destination: destinationClient, logger: logger),
            paths: ImageRegistryPaths(
                source: sourceRegistry.path, destination: destinationRegistry.path,
                sourceInternal: sourceRegistry.internalPath, destinationInternal: destinationRegistry.internalPath),
            clients: [sourceClient, destinationClient])
    }

    /// The `saToken` of a remote cluster's Secret; `nil` for the host cluster or without one.
    private func serviceAccountToken(of cluster: MigCluster) async throws -> String? {
        guard cluster.spec.isHostCluster != true, let name = cluster.spec.serviceAccountSecretRef?.name else { return nil }
        let namespace = cluster.spec.serviceAccountSecretRef?.namespace ?? cluster.namespace
        let secret = try? await client.get(GroupVersionResource(group: "", version: "v1", resource: "secrets"), name: name, namespace: namespace)
        guard let encoded = secret?[path: "data", "saToken"]?.stringValue, let data = Data(base64Encoded: encoded) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The unfinished migration of the same plan that runs before `migration`, if any: one
    /// that has started, else an older one that may start. Two migrations of one plan never run at
    /// once, as in MTC.
    private func migrationAhead(of migration: MigMigration, plan: MigPlan) async throws -> MigMigration? {
        let all = try await client.listAll(MigMigration.resourceType.resource, namespace: migration.namespace).items
        let waiting = all.compactMap { try? MigMigration(object: $0) }
            .filter { $0.planName == plan.name && !$0.isFinished && $0.name != migration.name }
        if let started = waiting.first(where: { $0.status.itinerary != nil }) { return started }
        // An older migration goes first unless it is held for good (refused with a critical
        // condition); otherwise it would block the plan forever.
        func key(_ candidate: MigMigration) -> (String, String) { (candidate.object.creationTimestamp ?? "", candidate.name) }
        return waiting.first { key($0) < key(migration) && !($0.status.conditions ?? []).hasCritical }
    }

    /// Sets `condition` (or, with `nil`, clears the conditions this reconciler manages) and
    /// writes the status when it changed.
    @discardableResult
    private func hold(_ migration: MigMigration, _ condition: MigrationCondition?) async throws -> MigMigration {
        var updated = migration
        var conditions = migration.status.conditions ?? []
        conditions.removeAll { Self.managedTypes.contains($0.type) && $0.type != condition?.type }
        if let condition { conditions.set(condition) }
        updated.status.conditions = conditions.isEmpty ? nil : conditions
        guard updated.status != migration.status else { return migration }
        return try MigMigration(object: try await client.updateStatus(MigMigration.resourceType.resource, updated.encoded(), namespace: updated.namespace))
    }

    /// Makes the plan the migration's owner, as MTC does, so deleting the plan deletes its
    /// migrations.
    private func ownedByPlan(_ migration: MigMigration, plan: MigPlan) async throws -> MigMigration {
        guard !plan.uid.isEmpty, !migration.object.ownerReferences.contains(where: { $0.uid == plan.uid }) else { return migration }
        var object = migration.object
        object.ownerReferences.append(OwnerReference(apiVersion: MigrationAPI.apiVersion, kind: MigPlan.resourceType.kind, name: plan.name, uid: plan.uid))
        return try MigMigration(object: try await client.update(MigMigration.resourceType.resource, object, namespace: migration.namespace))
    }

    private func migCluster(_ reference: MigrationObjectReference?, plan: MigPlan, role: String) async throws -> MigCluster {
        guard let name = reference?.name, !name.isEmpty else {
            throw MigrationRunnerError(code: "no-cluster", message: "MigPlan \(plan.name) names no \(role) cluster")
        }
        return try MigCluster(object: try await client.get(MigCluster.resourceType.resource, name: name, namespace: reference?.namespace ?? plan.namespace))
    }
}

/// The image copier of one reconcile and the registry clients it owns.
private struct PlanImageMigration {
    var migrator: RegistryImageMigrator
    var paths: ImageRegistryPaths
    var clients: [RegistryClient]

    func shutdown() async throws {
        for client in clients { try await client.shutdown() }
    }
}
