import FerryAPI
import FerryEngine
public import KubeClient
import KubeCore
public import Logging

/// Validates MigPlans and discovers their persistent volumes.
///
/// Writes the conditions MTC reports (cluster references and readiness, namespaces, limits,
/// mapping conflicts, hook and storage references, `MigrationTypeIdentified`, `PlanClosed`, and `Ready` when nothing
/// Critical is set), the storage classes of both clusters and the excluded resources to the
/// status, and the discovered volumes to `spec.persistentVolumes` without touching a user's
/// selections. Plans are re-validated every `planRecheckInterval`, since namespaces, pods and
/// claims of a remote cluster change without any event here.
public struct MigPlanReconciler: Reconciler {
    let client: KubeClient
    let connector: ClusterConnector
    let settings: ControllerSettings
    let logger: Logger

    /// Creates the reconciler; `client` reaches the host cluster holding the plans.
    public init(client: KubeClient, connector: ClusterConnector, settings: ControllerSettings, logger: Logger) {
        self.client = client
        self.connector = connector
        self.settings = settings
        self.logger = logger
    }

    /// Validates one plan and records the outcome.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let namespace = key.namespace ?? MigrationAPI.defaultNamespace
        let object: KubeObject
        do {
            object = try await client.get(MigPlan.resourceType.resource, name: key.name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return .done
        }
        var plan = try MigPlan(object: object)
        let original = plan
        var report = PlanReport()

        if plan.spec.closed == true {
            report.add("PlanClosed", reason: "Closed", category: MigrationCondition.Category.advisory, "The migration plan is closed; no migration can run from it.")
            try await write(report, to: plan, original: original)
            return .done
        }

        let source = try await resolveCluster(plan.spec.srcMigClusterRef, of: plan, role: .source, into: &report)
        let destination = try await resolveCluster(plan.spec.destMigClusterRef, of: plan, role: .destination, into: &report)
        validateNamespaces(of: plan, into: &report)
        try await validateReferences(of: plan, into: &report)
        let type = MigrationPlanType(of: plan)
        report.add("MigrationTypeIdentified", reason: type.rawValue, category: MigrationCondition.Category.advisory, "The migration plan is of type \(type.rawValue).")

        if let destination {
            let classes = try await storageClasses(on: destination)
            report.destinationClasses = classes
            if let source {
                report.sourceClasses = try await storageClasses(on: source)
                try await inspectSource(source, plan: &plan, destinationClasses: classes, into: &report)
            }
        }
        report.excludedResources = TransformPipeline.defaultExcludedResources.sorted()
        // Every pass rediscovers; `refresh: true` (set by consoles to ask for one) is done now.
        if plan.spec.refresh == true { plan.spec.refresh = false }
        if plan.spec != original.spec {
            let updated = try await client.update(MigPlan.resourceType.resource, plan.encoded(), namespace: namespace)
            plan = try MigPlan(object: updated)
        }
        try await write(report, to: plan, original: original)
        return .requeue(after: settings.planRecheckInterval)
    }

    /// Counts pods, checks namespaces exist, and discovers volumes on the source cluster.
    private func inspectSource(_ source: KubeClient, plan: inout MigPlan, destinationClasses: [MigPlan.StorageClass], into report: inout PlanReport) async throws {
        let wanted = Array(Set(plan.sourceNamespaces)).sorted()
        var missing: [String] = []
        var claims: [KubeObject] = []
        var pods: [KubeObject] = []
        for namespace in wanted {
            do {
                _ = try await source.get(Resources.namespaces, name: namespace)
            } catch let error as KubeAPIError where error.isNotFound {
                missing.append(namespace)
                continue
            }
            claims += try await source.listAll(Resources.persistentVolumeClaims, namespace: namespace).items
            pods += try await source.listAll(Resources.pods, namespace: namespace).items
        }
        if !missing.isEmpty {
            report.add("NamespaceNotFoundInSourceCluster", reason: "NotFound", category: MigrationCondition.Category.critical,
                "Namespaces [\(missing.joined(separator: ", "))] not found on the source cluster; create them or remove them from spec.namespaces.")
        }
        if pods.count > settings.podLimit {
            report.add("PodLimitExceeded", reason: "LimitExceeded", category: MigrationCondition.Category.critical,
                "The source namespaces hold \(pods.count) pods, more than the limit of \(settings.podLimit); split the plan or raise the pod limit.")
        }
        let volumes = claims.isEmpty ? [] : try await source.listAll(Resources.persistentVolumes).items
        var discovery = PersistentVolumeDiscovery(destinationClasses: destinationClasses)
        discovery.planUID = plan.uid
        discovery.convertsStorage = MigrationPlanType(of: plan) == .storageConversion
        let entries = discovery.entries(claims: claims, volumes: volumes, pods: pods, existing: plan.spec.persistentVolumes ?? [])
        validateVolumes(entries, destinationClasses: destinationClasses, into: &report)
        if entries.count > settings.persistentVolumeLimit {
            report.add("PvLimitExceeded", reason: "LimitExceeded", category: MigrationCondition.Category.critical,
                "The plan has \(entries.count) persistent volumes, more than the limit of \(settings.persistentVolumeLimit); split the plan or raise the volume limit.")
        }
        if entries != (plan.spec.persistentVolumes ?? []) {
            plan.spec.persistentVolumes = entries.isEmpty && plan.spec.persistentVolumes == nil ? nil : entries
        }
    }

    private func storageClasses(on cluster: KubeClient) async throws -> [MigPlan.StorageClass] {
        try await cluster.listAll(Resources.storageClasses).items.map(MigPlan.StorageClass.init(summarizing:)).sorted { $0.name < $1.name }
    }

    /// Writes the status when it changed.
    private func write(_ report: PlanReport, to plan: MigPlan, original: MigPlan) async throws {
        var plan = plan
        var conditions = plan.status.conditions ?? []
        let fresh = report.conditions
        conditions.keepOnly(Set(fresh.map(\.type)))
        for condition in fresh { conditions.set(condition) }
        plan.status.conditions = conditions
        plan.status.srcStorageClasses = report.sourceClasses
        plan.status.destStorageClasses = report.destinationClasses
        plan.status.excludedResources = report.excludedResources
        guard plan.status != original.status else { return }
        _ = try await client.updateStatus(MigPlan.resourceType.resource, plan.encoded(), namespace: plan.namespace)
    }
}
