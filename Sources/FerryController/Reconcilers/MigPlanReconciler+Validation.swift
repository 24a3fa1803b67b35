import FerryAPI
import KubeClient
import KubeCore

extension MigPlanReconciler {
    enum ClusterRole: String {
        case source
        case destination

        var conditionPrefix: String { self == .source ? "Source" : "Destination" }
        var field: String { self == .source ? "spec.srcMigClusterRef" : "spec.destMigClusterRef" }
    }

    /// The client of a referenced MigCluster when it exists and is Ready; otherwise records
    /// `Invalid<Role>ClusterRef` or `<Role>ClusterNotReady` and returns `nil`.
    func resolveCluster(_ reference: MigrationObjectReference?, of plan: MigPlan, role: ClusterRole, into report: inout PlanReport) async throws -> KubeClient? {
        let invalid = "Invalid\(role.conditionPrefix)ClusterRef"
        guard let name = reference?.name, !name.isEmpty else {
            report.add(invalid, reason: "NotSet", category: MigrationCondition.Category.critical,
                "The \(role.rawValue) cluster is not set; set \(role.field).name to a MigCluster.")
            return nil
        }
        let namespace = reference?.namespace ?? plan.namespace
        let cluster: MigCluster
        do {
            cluster = try MigCluster(object: try await client.get(MigCluster.resourceType.resource, name: name, namespace: namespace))
        } catch let error as KubeAPIError where error.isNotFound {
            report.add(invalid, reason: "NotFound", category: MigrationCondition.Category.critical,
                "The \(role.rawValue) MigCluster \(namespace)/\(name) named by \(role.field) does not exist; create it or fix the reference.")
            return nil
        }
        let conditions = cluster.status.conditions ?? []
        guard conditions.isTrue("Ready"), !conditions.hasCritical else {
            let checked = conditions.first(type: "Ready") != nil
            let why = conditions.first(type: "Ready")?.message ?? "its readiness has not been checked yet"
            // Not yet checked is not a verdict: waiting clients keep waiting on that reason.
            report.add("\(role.conditionPrefix)ClusterNotReady", reason: checked ? "NotReady" : "NotYetChecked", category: MigrationCondition.Category.critical,
                "The \(role.rawValue) MigCluster \(namespace)/\(name) is not ready: \(why)")
            return nil
        }
        do {
            return try await connector.client(for: cluster)
        } catch {
            report.add("\(role.conditionPrefix)ClusterNotReady", reason: "NotReady", category: MigrationCondition.Category.critical,
                "The \(role.rawValue) MigCluster \(namespace)/\(name) cannot be reached: \(error)")
            return nil
        }
    }

    /// Checks the namespace list: not empty, within the limit, no namespace twice, no two
    /// sources into one destination.
    func validateNamespaces(of plan: MigPlan, into report: inout PlanReport) {
        let mappings = plan.namespaceMappings
        if mappings.isEmpty {
            report.add("EmptyNamespaceList", reason: "NotSet", category: MigrationCondition.Category.critical,
                "The plan names no namespaces; list the namespaces to migrate in spec.namespaces.")
        }
        if mappings.count > settings.namespaceLimit {
            report.add("NamespaceLimitExceeded", reason: "LimitExceeded", category: MigrationCondition.Category.critical,
                "The plan has \(mappings.count) namespaces, more than the limit of \(settings.namespaceLimit); split it into several plans.")
        }
        let duplicateSources = duplicates(mappings.map(\.source))
        if !duplicateSources.isEmpty {
            report.add("DuplicateNamespaces", reason: "Duplicate", category: MigrationCondition.Category.critical,
                "Namespaces [\(duplicateSources.joined(separator: ", "))] are listed more than once in spec.namespaces; list each once.")
        }
        let duplicateDestinations = duplicates(mappings.map(\.destination))
        if !duplicateDestinations.isEmpty {
            report.add("DuplicateDestinationNamespaces", reason: "Conflict", category: MigrationCondition.Category.critical,
                "Several source namespaces map to destination namespaces [\(duplicateDestinations.joined(separator: ", "))]; give each source its own destination.")
        }
    }

    private func duplicates(_ names: [String]) -> [String] {
        var seen = Set<String>()
        var repeated = Set<String>()
        for name in names where !seen.insert(name).inserted { repeated.insert(name) }
        return repeated.sorted()
    }
}

/// Core resources the reconcilers read.
enum Resources {
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    static let persistentVolumeClaims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let persistentVolumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")
    static let storageClasses = GroupVersionResource(group: "storage.k8s.io", version: "v1", resource: "storageclasses")
}
