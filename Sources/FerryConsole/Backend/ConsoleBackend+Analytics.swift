import FerryAPI
import KubeClient
import KubeCore

extension ConsoleBackend {
    /// The label MTC puts on a plan's MigAnalytic, naming the plan.
    static let analyticPlanLabel = "migration.openshift.io/migplan-name"

    /// The MigAnalytic of plan `name`: the one named after the plan, else the newest that
    /// references it; nil when the plan was never analyzed.
    public func analytic(plan name: String, user: ConsoleUser) async throws -> AnalyticView? {
        try await planAnalytic(name, user: user).map(AnalyticView.init)
    }

    /// Measures plan `name` as MTC's console does: creates its MigAnalytic (resources, images
    /// and claim capacity; with `measureUsage`, each volume's usage and a proposed capacity),
    /// or asks the existing one for a new measurement (`spec.refresh`). The controller measures.
    public func analyze(plan name: String, measureUsage: Bool, user: ConsoleUser) async throws -> AnalyticView {
        let plan = try await read(MigPlan.self, name, user: user)
        var attempt = 0
        while true {
            guard var analytic = try await planAnalytic(name, user: user) else {
                return AnalyticView(try await createAnalytic(for: plan, measureUsage: measureUsage, user: user))
            }
            analytic.spec.refresh = true
            analytic.spec.analyzeExtendedPVCapacity = measureUsage ? true : nil
            do {
                let updated = try await user.client.update(MigAnalytic.resourceType.resource, analytic.encoded(), namespace: namespace)
                return AnalyticView(try MigAnalytic(object: updated))
            } catch let error as KubeAPIError where error.isConflict && attempt < 3 {
                // The controller wrote the analytic meanwhile; ask again on its version.
                attempt += 1
            }
        }
    }

    private func planAnalytic(_ plan: String, user: ConsoleUser) async throws -> MigAnalytic? {
        let referencing = try await list(MigAnalytic.self, user: user).filter { analytic in
            analytic.spec.migPlanRef?.name == plan && (analytic.spec.migPlanRef?.namespace ?? namespace) == namespace
        }
        if let named = referencing.first(where: { $0.name == plan }) { return named }
        return referencing.max { ($0.object.creationTimestamp ?? "", $0.name) < ($1.object.creationTimestamp ?? "", $1.name) }
    }

    private func createAnalytic(for plan: MigPlan, measureUsage: Bool, user: ConsoleUser) async throws -> MigAnalytic {
        var spec = MigAnalytic.Spec()
        spec.migPlanRef = MigrationObjectReference(name: plan.name, namespace: namespace)
        spec.analyzeK8SResources = true
        spec.analyzeImageCount = true
        spec.analyzePVCapacity = true
        spec.analyzeExtendedPVCapacity = measureUsage ? true : nil
        spec.listImages = false
        spec.listImagesLimit = 50
        var analytic = MigAnalytic(name: plan.name, namespace: namespace, spec: spec)
        analytic.object.labels = [Self.analyticPlanLabel: plan.name, "app.kubernetes.io/managed-by": "ferry-console"]
        // Deleting the plan deletes its analytic.
        if !plan.uid.isEmpty {
            analytic.object.ownerReferences = [OwnerReference(apiVersion: MigrationAPI.apiVersion, kind: MigPlan.resourceType.kind, name: plan.name, uid: plan.uid)]
        }
        do {
            return try MigAnalytic(object: try await user.client.create(MigAnalytic.resourceType.resource, analytic.encoded(), namespace: namespace))
        } catch let error as KubeAPIError where error.isAlreadyExists {
            // A MigAnalytic of another plan has this plan's name.
            analytic.object.name = ""
            analytic.object.generateName = "\(plan.name)-"
            return try MigAnalytic(object: try await user.client.create(MigAnalytic.resourceType.resource, analytic.encoded(), namespace: namespace))
        }
    }
}
