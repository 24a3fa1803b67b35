import FerryAPI
import FerryEngine
public import KubeClient
import KubeCore
public import Logging

/// Measures a MigAnalytic's plan on the source cluster: per namespace the resources by kind,
/// pods, images, claims and their requested capacity; with `analyzeExtendedPVCapacity`, each
/// claim's actual usage where its volume's directory is reachable from here (allocated
/// blocks, apparent size, sparse files) and the capacity proposed as MTC proposes it, which is
/// also written to the plan's `persistentVolumes[].proposedCapacity`.
///
/// A MigAnalytic is measured once; `spec.refresh: true` asks for another measurement.
public struct MigAnalyticReconciler: Reconciler {
    static let managedTypes: Set<String> = ["Ready", "InvalidPlanRef", "SourceClusterNotReady", "ExtendedPVAnalysisFailed"]

    let client: KubeClient
    let connector: ClusterConnector
    let logger: Logger

    /// Creates the reconciler; `client` reaches the host cluster holding the MigAnalytics.
    public init(client: KubeClient, connector: ClusterConnector, logger: Logger) {
        self.client = client
        self.connector = connector
        self.logger = logger
    }

    /// Measures one MigAnalytic unless it is measured already and no refresh was asked.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let namespace = key.namespace ?? MigrationAPI.defaultNamespace
        let object: KubeObject
        do {
            object = try await client.get(MigAnalytic.resourceType.resource, name: key.name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return .done
        }
        var analytic = try MigAnalytic(object: object)
        let measured = (analytic.status.conditions ?? []).isTrue("Ready")
        guard !measured || analytic.spec.refresh == true else { return .done }

        var conditions: [MigrationCondition] = []
        guard let planName = analytic.spec.migPlanRef?.name, !planName.isEmpty else {
            conditions.append(Self.critical("InvalidPlanRef", reason: "NotSet", "MigAnalytic \(analytic.name) names no plan; set spec.migPlanRef.name to a MigPlan."))
            try await write(analytic, conditions: conditions, analytics: nil)
            return .done
        }
        let planNamespace = analytic.spec.migPlanRef?.namespace ?? namespace
        let plan: MigPlan
        do {
            plan = try MigPlan(object: try await client.get(MigPlan.resourceType.resource, name: planName, namespace: planNamespace))
        } catch let error as KubeAPIError where error.isNotFound {
            conditions.append(Self.critical("InvalidPlanRef", reason: "NotFound", "MigPlan \(planNamespace)/\(planName) named by spec.migPlanRef does not exist; create it or fix the reference."))
            try await write(analytic, conditions: conditions, analytics: nil)
            return .done
        }
        let source: KubeClient
        do {
            source = try await sourceClient(of: plan)
        } catch {
            conditions.append(Self.critical("SourceClusterNotReady", reason: "NotReady", "The source cluster of MigPlan \(plan.name) cannot be reached: \(error); MigAnalytic \(analytic.name) is measured again when it can."))
            try await write(analytic, conditions: conditions, analytics: nil)
            return .requeue(after: .seconds(30))
        }

        let measurement = try await MigAnalyticMeasurement.measure(plan: plan, spec: analytic.spec, source: source, logger: logger)
        if !measurement.unreachable.isEmpty {
            conditions.append(MigrationCondition(
                type: "ExtendedPVAnalysisFailed", status: true, reason: "UsageNotMeasured", category: MigrationCondition.Category.warn,
                message: "The usage of \(measurement.unreachable.count) volume(s) could not be measured, so their capacity is not adjusted: "
                    + measurement.unreachable.joined(separator: "; ")))
        }
        conditions.append(MigrationCondition(
            type: "Ready", status: true, reason: "Completed", category: MigrationCondition.Category.required, message: "The analytic is complete."))
        if analytic.spec.analyzeExtendedPVCapacity == true {
            try await propose(measurement.proposals, to: plan)
        }
        if analytic.spec.refresh == true {
            var object = analytic.object
            object[path: "spec", "refresh"] = .bool(false)
            analytic = try MigAnalytic(object: try await client.update(MigAnalytic.resourceType.resource, object, namespace: namespace))
        }
        try await write(analytic, conditions: conditions, analytics: measurement.analytics)
        return .done
    }

    /// Writes proposed capacities into the plan's volume entries (by claim); a proposal that
    /// changed asks the user to confirm it again (`capacityConfirmed: false`).
    func propose(_ proposals: [String: String], to plan: MigPlan) async throws {
        guard !proposals.isEmpty else { return }
        var current = plan
        for attempt in 0..<5 {
            var volumes = current.spec.persistentVolumes ?? []
            var changed = false
            for index in volumes.indices {
                guard let claim = volumes[index].pvc, let proposed = proposals["\(claim.namespace)/\(claim.sourceName)"],
                    volumes[index].proposedCapacity != proposed else { continue }
                volumes[index].proposedCapacity = proposed
                volumes[index].capacityConfirmed = false
                changed = true
            }
            guard changed else { return }
            current.spec.persistentVolumes = volumes
            do {
                _ = try await client.update(MigPlan.resourceType.resource, current.encoded(), namespace: current.namespace)
                return
            } catch let error as KubeAPIError where error.isConflict && attempt < 4 {
                current = try MigPlan(object: try await client.get(MigPlan.resourceType.resource, name: plan.name, namespace: plan.namespace))
            }
        }
    }

    private func sourceClient(of plan: MigPlan) async throws -> KubeClient {
        guard let name = plan.spec.srcMigClusterRef?.name, !name.isEmpty else {
            throw MigrationRunnerError(code: "no-cluster", message: "MigPlan \(plan.name) names no source cluster")
        }
        let namespace = plan.spec.srcMigClusterRef?.namespace ?? plan.namespace
        let cluster = try MigCluster(object: try await client.get(MigCluster.resourceType.resource, name: name, namespace: namespace))
        return try await connector.client(for: cluster)
    }

    private func write(_ analytic: MigAnalytic, conditions fresh: [MigrationCondition], analytics: MigAnalytic.Analytics?) async throws {
        var updated = analytic
        var conditions = analytic.status.conditions ?? []
        let freshTypes = Set(fresh.map(\.type))
        conditions.removeAll { Self.managedTypes.contains($0.type) && !freshTypes.contains($0.type) }
        for condition in fresh { conditions.set(condition) }
        updated.status.conditions = conditions
        if let analytics { updated.status.analytics = analytics }
        guard updated.status != analytic.status else { return }
        _ = try await client.updateStatus(MigAnalytic.resourceType.resource, updated.encoded(), namespace: updated.namespace)
    }

    static func critical(_ type: String, reason: String, _ message: String) -> MigrationCondition {
        MigrationCondition(type: type, status: true, reason: reason, category: MigrationCondition.Category.critical, message: message)
    }
}
