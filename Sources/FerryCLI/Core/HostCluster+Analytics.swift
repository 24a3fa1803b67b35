public import FerryAPI
import KubeClient
import KubeCore

/// A plan's MigAnalytic: found, created as MTC's console creates it, or asked to measure again.
extension HostCluster {
    /// The label MTC puts on a plan's MigAnalytic, naming the plan.
    public static let analyticPlanLabel = "migration.openshift.io/migplan-name"

    /// The MigAnalytic of plan `name`: the one named after the plan, else the newest whose
    /// `migPlanRef` names it; nil when the plan was never analyzed.
    public func analytic(ofPlan name: String) async throws -> MigAnalytic? {
        let referencing = try await client.listAll(MigAnalytic.resourceType.resource, namespace: namespace).items
            .compactMap { try? MigAnalytic(object: $0) }
            .filter { $0.spec.migPlanRef?.name == name && ($0.spec.migPlanRef?.namespace ?? namespace) == namespace }
        if let named = referencing.first(where: { $0.name == name }) { return named }
        return referencing.max { ($0.object.creationTimestamp ?? "", $0.name) < ($1.object.creationTimestamp ?? "", $1.name) }
    }

    /// Asks for a measurement of `plan`: creates its MigAnalytic (resources, images and claim
    /// capacity; with `measureUsage`, each volume's usage and a proposed capacity), owned by the
    /// plan and labelled by `managedBy`, or sets `spec.refresh` on the existing one. The
    /// controller measures.
    public func analyze(_ plan: MigPlan, measureUsage: Bool, managedBy: String) async throws -> MigAnalytic {
        var attempt = 0
        while true {
            guard var analytic = try await analytic(ofPlan: plan.name) else {
                return try await createAnalytic(for: plan, measureUsage: measureUsage, managedBy: managedBy)
            }
            analytic.spec.refresh = true
            analytic.spec.analyzeExtendedPVCapacity = measureUsage ? true : nil
            do {
                return try MigAnalytic(object: try await client.update(MigAnalytic.resourceType.resource, analytic.encoded(), namespace: namespace))
            } catch let error as KubeAPIError where error.isConflict && attempt < 3 {
                // The controller wrote the analytic meanwhile; ask again on its version.
                attempt += 1
            }
        }
    }

    private func createAnalytic(for plan: MigPlan, measureUsage: Bool, managedBy: String) async throws -> MigAnalytic {
        var spec = MigAnalytic.Spec()
        spec.migPlanRef = MigrationObjectReference(name: plan.name, namespace: namespace)
        spec.analyzeK8SResources = true
        spec.analyzeImageCount = true
        spec.analyzePVCapacity = true
        spec.analyzeExtendedPVCapacity = measureUsage ? true : nil
        spec.listImages = false
        spec.listImagesLimit = 50
        var analytic = MigAnalytic(name: plan.name, namespace: namespace, spec: spec)
        analytic.object.labels = [Self.analyticPlanLabel: plan.name, "app.kubernetes.io/managed-by": managedBy]
        // Deleting the plan deletes its analytic.
        if !plan.uid.isEmpty {
            analytic.object.ownerReferences = [OwnerReference(apiVersion: MigrationAPI.apiVersion, kind: MigPlan.resourceType.kind, name: plan.name, uid: plan.uid)]
        }
        do {
            return try MigAnalytic(object: try await client.create(MigAnalytic.resourceType.resource, analytic.encoded(), namespace: namespace))
        } catch let error as KubeAPIError where error.isAlreadyExists {
            // A MigAnalytic of another plan has this plan's name.
            analytic.object.name = ""
            analytic.object.generateName = "\(plan.name)-"
            return try MigAnalytic(object: try await client.create(MigAnalytic.resourceType.resource, analytic.encoded(), namespace: namespace))
        }
    }
}
