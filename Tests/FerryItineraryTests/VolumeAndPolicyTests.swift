import FerryAPI
import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Volume actions and existing objects")
struct VolumeAndPolicyTests {
    /// The plan's volume entry for the source claim `shop/data`, with `action`.
    static func volume(_ world: MigrationWorld, action: String) async throws -> MigPlan.PersistentVolume {
        let claim = try await world.source.get(Resource.claims, name: "data", namespace: "shop")
        let volumeName = try #require(claim[path: "spec", "volumeName"]?.stringValue)
        return MigPlan.PersistentVolume(
            name: volumeName, capacity: "1Gi", storageClass: "standard",
            selection: .init(action: action), pvc: .init(namespace: "shop", name: "data"))
    }

    static func waitUntilBound(_ world: MigrationWorld) async throws {
        for _ in 0..<100 {
            let claim = try await world.source.get(Resource.claims, name: "data", namespace: "shop")
            if claim[path: "status", "phase"] == .string("Bound") { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the source claim never bound")
    }

    @Test("a moved volume is handed over: the destination binds the same storage, the source volume is retained until rollback", .timeLimit(.minutes(1)))
    func moveHandsTheVolumeOver() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await Self.waitUntilBound(world)
            let entry = try await Self.volume(world, action: "move")
            let sourceVolume = try await world.source.get(Resource.volumes, name: entry.name)
            let plan = try await world.makePlan(namespaces: ["shop"], persistentVolumes: [entry])
            let cutover = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(cutover.status.conditions?.isTrue("Succeeded") == true, "\(cutover.status.errors ?? [])")

            let movedVolume = try await world.destination.get(Resource.volumes, name: entry.name)
            #expect(movedVolume[path: "spec", "hostPath", "path"] == sourceVolume[path: "spec", "hostPath", "path"])
            #expect(movedVolume[path: "spec", "persistentVolumeReclaimPolicy"] == .string("Retain"))
            var claim = try await world.destination.get(Resource.claims, name: "data", namespace: "shop")
            for _ in 0..<100 where claim[path: "status", "phase"] != .string("Bound") {
                try await Task.sleep(for: .milliseconds(50))
                claim = try await world.destination.get(Resource.claims, name: "data", namespace: "shop")
            }
            #expect(claim[path: "spec", "volumeName"] == .string(entry.name))
            #expect(claim[path: "status", "phase"] == .string("Bound"))
            let retained = try await world.source.get(Resource.volumes, name: entry.name)
            #expect(retained[path: "spec", "persistentVolumeReclaimPolicy"] == .string("Retain"))

            let rollback = try await world.runToEnd(try await world.makeMigration("rollback", plan: plan, rollback: true), plan: plan)
            #expect(rollback.status.conditions?.isTrue("Succeeded") == true, "\(rollback.status.errors ?? [])")
            let restored = try await world.source.get(Resource.volumes, name: entry.name)
            #expect(restored[path: "spec", "persistentVolumeReclaimPolicy"] == sourceVolume[path: "spec", "persistentVolumeReclaimPolicy"])
            #expect((try? await world.source.get(Resource.claims, name: "data", namespace: "shop")) != nil, "the source claim is untouched")
        }
    }

    @Test("a skipped volume gets no claim on the destination", .timeLimit(.minutes(1)))
    func skipCreatesNoClaim() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await Self.waitUntilBound(world)
            let plan = try await world.makePlan(namespaces: ["shop"], persistentVolumes: [try await Self.volume(world, action: "skip")])
            let stage = try await world.runToEnd(try await world.makeMigration("stage", plan: plan, stage: true), plan: plan)
            #expect(stage.status.conditions?.isTrue("Succeeded") == true)
            #expect(stage.status.pipeline?.first { $0.name == "DirectVolume" }?.skipped == true)
            #expect(try await world.objects(Resource.claims, in: "shop", on: world.destination).isEmpty)
        }
    }

    @Test("with the update policy an existing object takes the migrated content", .timeLimit(.minutes(1)))
    func updatePolicyReplacesExistingObjects() async throws {
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
            var plan = try await world.makePlan(namespaces: ["shop"])
            var object = plan.object
            object.annotations[MigrationScope.existingResourcePolicyAnnotation] = "update"
            plan = try MigPlan(object: try await world.host.update(object))
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
            let settings = try await world.destination.get(Resource.configMaps, name: "settings", namespace: "shop")
            #expect(settings[path: "data", "mode"] == .string("production"))
            #expect(settings.labels[MigrationAPI.migratedByPlanLabel] == plan.uid)
        }
    }

    @Test("an unknown existing-resource policy fails the migration before anything changes", .timeLimit(.minutes(1)))
    func unknownPolicyFailsEarly() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            var plan = try await world.makePlan(namespaces: ["shop"])
            var object = plan.object
            object.annotations[MigrationScope.existingResourcePolicyAnnotation] = "overwrite"
            plan = try MigPlan(object: try await world.host.update(object))
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(migration.status.conditions?.isTrue("Failed") == true)
            #expect((migration.status.errors ?? []).joined().contains("use skip or update"))
            #expect((try? await world.destination.get(Resource.namespaces, name: "shop")) == nil)
        }
    }
}
