import FerryAPI
import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Cutover")
struct CutoverTests {
    @Test("a cutover recreates the application on the destination and leaves the source quiesced", .timeLimit(.minutes(1)))
    func cutoverMigratesTheApplication() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop"])
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)

            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
            #expect(migration.status.itinerary == "Final")
            #expect(migration.status.phase == "Completed")
            let steps = try #require(migration.status.pipeline)
            #expect(steps.map(\.name) == ["Prepare", "DirectImage", "Backup", "DirectVolume", "Restore", "Cleanup"])
            #expect(steps.first { $0.name == "DirectImage" }?.skipped == true)
            for step in steps where step.skipped != true {
                #expect(step.started != nil && step.completed != nil, "step \(step.name) has no times")
                #expect(step.failed != true)
            }

            let deployments = try await world.objects(Resource.deployments, in: "shop", on: world.destination)
            let web = try #require(deployments["web"])
            #expect(web[path: "spec", "replicas"] == .int(2), "the destination runs as many replicas as the source did")
            #expect(web.labels[MigrationAPI.migratedByPlanLabel] == plan.uid)
            #expect(web.labels[MigrationAPI.migratedByMigrationLabel] == migration.uid)
            #expect(web.annotations["migration.openshift.io/preQuiesceReplicas"] == nil)
            #expect(try await world.objects(Resource.configMaps, in: "shop", on: world.destination)["settings"] != nil)
            #expect(try await world.objects(Resource.secrets, in: "shop", on: world.destination)["credentials"] != nil)
            #expect(try await world.objects(Resource.claims, in: "shop", on: world.destination)["data"] != nil)
            let service = try #require(try await world.objects(Resource.services, in: "shop", on: world.destination)["web"])
            let sourceService = try #require(try await world.objects(Resource.services, in: "shop", on: world.source)["web"])
            #expect(service[path: "spec", "clusterIP"] != nil)
            #expect(service[path: "spec", "clusterIP"] != nil && service.uid != sourceService.uid, "the destination allocated its own Service")
            #expect(service[path: "spec", "ports"]?.arrayValue?.first?["port"] == .int(80))
            let cronJob = try #require(try await world.objects(Resource.cronJobs, in: "shop", on: world.destination)["report"])
            #expect(cronJob[path: "spec", "suspend"] != .bool(true), "the destination's cron job runs")
            let namespace = try await world.destination.get(Resource.namespaces, name: "shop")
            #expect(namespace.labels["team"] == "payments")

            let sourceWeb = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.source)["web"])
            #expect(sourceWeb[path: "spec", "replicas"] == .int(0))
            #expect(sourceWeb.annotations["migration.openshift.io/preQuiesceReplicas"] == "2")
            let sourceCronJob = try #require(try await world.objects(Resource.cronJobs, in: "shop", on: world.source)["report"])
            #expect(sourceCronJob[path: "spec", "suspend"] == .bool(true))
            let sourcePods = try await world.source.listAll(Resource.pods, namespace: "shop").items
            #expect(sourcePods.filter { $0.name.hasPrefix("web-") }.isEmpty, "the source's pods are gone")
        }
    }

    @Test("a cutover maps namespaces, including references inside objects", .timeLimit(.minutes(1)))
    func cutoverMapsNamespaces() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await world.seed("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: api-view, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects: [{kind: ServiceAccount, name: api, namespace: shop}]
                """, on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop:store"])
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
            #expect(try await world.objects(Resource.deployments, in: "store", on: world.destination)["web"] != nil)
            #expect(try await world.objects(Resource.deployments, in: "shop", on: world.destination).isEmpty)
            let binding = try await world.destination.get(
                GroupVersionResource(group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings"), name: "api-view", namespace: "store")
            #expect(binding["subjects"]?.arrayValue?.first?["namespace"] == .string("store"))
        }
    }

    @Test("cutover without quiescePods leaves the source running", .timeLimit(.minutes(1)))
    func cutoverWithoutQuiesce() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop"])
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan, quiescePods: false), plan: plan)
            #expect(migration.status.conditions?.isTrue("Succeeded") == true)
            let sourceWeb = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.source)["web"])
            #expect(sourceWeb[path: "spec", "replicas"] == .int(2))
            #expect(sourceWeb.annotations["migration.openshift.io/preQuiesceReplicas"] == nil)
        }
    }

    @Test("a missing source namespace fails the migration before anything changes", .timeLimit(.minutes(1)))
    func missingNamespaceFailsEarly() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop", "ghost"])
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(migration.status.conditions?.isTrue("Failed") == true)
            let errors = (migration.status.errors ?? []).joined()
            #expect(errors.contains("ghost"))
            #expect(migration.status.pipeline?.first { $0.name == "Prepare" }?.failed == true)
            let sourceWeb = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.source)["web"])
            #expect(sourceWeb[path: "spec", "replicas"] == .int(2), "the source was not quiesced")
            #expect((try? await world.destination.get(Resource.namespaces, name: "shop")) == nil, "nothing was created on the destination")
        }
    }

    @Test("an object already on the destination is left as it was and reported", .timeLimit(.minutes(1)))
    func existingObjectsAreReported() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await world.seed("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {mode: staging}
                """, on: world.destination)
            let plan = try await world.makePlan(namespaces: ["shop"])
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(migration.status.conditions?.isTrue("Succeeded") == true)
            let warning = try #require(migration.status.conditions?.first(type: "ObjectsAlreadyExist"))
            #expect(warning.message?.contains("shop/settings") == true)
            let settings = try #require(try await world.objects(Resource.configMaps, in: "shop", on: world.destination)["settings"])
            #expect(settings[path: "data", "mode"] == .string("staging"))
        }
    }
}
