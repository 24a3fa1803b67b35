import FerryAPI
import FerryCLI
import KubeClient
import KubeCore
import Testing

/// `ferry plan analyze` and the console's Analyze: finding, creating and refreshing a plan's
/// MigAnalytic, and its text.
@Suite("Plan analytics")
struct PlanAnalysisTests {
    static let namespace = MigrationAPI.defaultNamespace

    static func createPlan(_ name: String, on client: KubeClient) async throws -> MigPlan {
        try MigPlan(object: try await client.create(
            MigPlan.resourceType.resource, MigPlan(name: name, namespace: namespace, spec: MigPlan.Spec()).encoded(), namespace: namespace))
    }

    @Test("an analytic another plan holds under this plan's name is left alone: the plan gets one of its own, found by its reference", .timeLimit(.minutes(1)))
    func nameTakenByAnotherPlansAnalytic() async throws {
        try await withHostCluster { _, client in
            try await installMigrationAPI(client)
            _ = try await client.create(GroupVersionResource(group: "", version: "v1", resource: "namespaces"), KubeObject(apiVersion: "v1", kind: "Namespace", name: Self.namespace))
            let host = HostCluster(client: client, namespace: Self.namespace)
            let plan = try await Self.createPlan("shop", on: client)
            var foreign = MigAnalytic(name: "shop", namespace: Self.namespace, spec: MigAnalytic.Spec())
            foreign.spec.migPlanRef = MigrationObjectReference(name: "other", namespace: Self.namespace)
            _ = try await client.create(MigAnalytic.resourceType.resource, foreign.encoded(), namespace: Self.namespace)
            #expect(try await host.analytic(ofPlan: "shop") == nil)

            let created = try await host.analyze(plan, measureUsage: false, managedBy: "ferry")
            #expect(created.name.hasPrefix("shop-") && created.spec.migPlanRef?.name == "shop", "\(created.name)")
            #expect(try await host.analytic(ofPlan: "shop")?.name == created.name)
            let again = try await host.analyze(plan, measureUsage: true, managedBy: "ferry")
            #expect(again.name == created.name && again.spec.refresh == true && again.spec.analyzeExtendedPVCapacity == true)
            let other = try MigAnalytic(object: try await client.get(MigAnalytic.resourceType.resource, name: "shop", namespace: Self.namespace))
            #expect(other.spec.migPlanRef?.name == "other" && other.spec.refresh == nil, "the other plan's analytic is untouched")
        }
    }

    @Test("the text shows state, warnings, totals, each namespace by kind and each claim, and describe sums them up in one line; a refused analytic shows only why")
    func analyticsText() throws {
        var analytic = MigAnalytic(name: "shop", namespace: Self.namespace, spec: MigAnalytic.Spec())
        analytic.spec.migPlanRef = MigrationObjectReference(name: "shop", namespace: Self.namespace)
        analytic.status.conditions = [
            MigrationCondition(type: "Ready", reason: "Completed", category: MigrationCondition.Category.required, message: "The analytic is complete."),
            MigrationCondition(type: "ExtendedPVAnalysisFailed", category: MigrationCondition.Category.warn, message: "The usage of 1 volume(s) could not be measured"),
        ]
        var entry = MigAnalytic.Namespace(namespace: "shop")
        entry.k8sResources = [["kind": "ConfigMap", "count": 3], ["kind": "Deployment", "count": 1]]
        entry.k8sResourceTotal = 4
        entry.imageCount = 2
        entry.pvCount = 1
        entry.pvCapacity = "5Gi"
        var volume = MigAnalytic.Volume(name: "data")
        volume.requestedCapacity = "5Gi"
        volume.actualCapacity = "4Gi"
        volume.proposedCapacity = "6Gi"
        volume.sparseFilesFound = true
        entry.persistentVolumes = [volume]
        var measured = MigAnalytic.Analytics()
        measured.k8sResourceTotal = 4
        measured.imageCount = 2
        measured.pvCount = 1
        measured.pvCapacity = "5Gi"
        measured.namespaces = [entry]
        analytic.status.analytics = measured

        let text = PlanViews.analytics(analytic).joined(separator: "\n")
        #expect(text.contains("State:        Measured") && text.contains("Warning:      The usage of 1 volume(s) could not be measured"), "\(text)")
        #expect(text.contains("Resources:    4") && text.contains("Volumes:      1 (5Gi requested)"), "\(text)")
        #expect(text.contains("shop        4           2        1         5Gi        ConfigMap 3, Deployment 1"), "\(text)")
        #expect(text.contains("shop/data   5Gi         4Gi    6Gi        yes"), "\(text)")

        let plan = MigPlan(name: "shop", spec: MigPlan.Spec())
        #expect(PlanViews.describe(plan, migrations: [], analytic: analytic, now: 0).contains("Analytics:    Measured: 4 resource(s), 2 image(s), 1 volume(s) requesting 5Gi (MigAnalytic shop)"))
        #expect(!PlanViews.describe(plan, migrations: [], now: 0).contains { $0.hasPrefix("Analytics:") }, "a plan never analyzed has no analytics line")

        analytic.status.conditions = [MigrationCondition(type: "InvalidPlanRef", category: MigrationCondition.Category.critical, message: "MigPlan x/shop does not exist")]
        let refused = PlanViews.analytics(analytic)
        #expect(AnalyticState(analytic) == .failed)
        #expect(PlanViews.describe(plan, migrations: [], analytic: analytic, now: 0).contains("Analytics:    Failed (MigAnalytic shop; `ferry plan analyze shop` shows why)"))
        #expect(refused.contains("State:        Failed") && refused.contains("Warning:      MigPlan x/shop does not exist") && !refused.contains { $0.hasPrefix("Resources:") }, "\(refused)")
    }
}
