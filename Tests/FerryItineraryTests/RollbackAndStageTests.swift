import FerryAPI
import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Stage, rollback and cancel")
struct RollbackAndStageTests {
    static let compared: [GroupVersionResource] = [
        Resource.deployments, Resource.statefulSets, Resource.cronJobs, Resource.services, Resource.configMaps,
        Resource.secrets, Resource.claims, GroupVersionResource(group: "", version: "v1", resource: "serviceaccounts"),
    ]

    /// Spec, labels and annotations of every compared object in `namespace`.
    static func snapshot(_ world: MigrationWorld, namespace: String) async throws -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for resource in compared {
            for object in try await world.source.listAll(resource, namespace: namespace).items {
                result["\(resource.resource)/\(object.name)"] = [
                    "spec": object.spec ?? .null, "data": object["data"] ?? .null,
                    "labels": .object(object.labels.mapValues { .string($0) }),
                    "annotations": .object(object.annotations.mapValues { .string($0) }),
                ]
            }
        }
        return result
    }

    @Test("a stage creates namespaces and claims on the destination and leaves the source running; it can run again", .timeLimit(.minutes(1)))
    func stageIsRepeatable() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop"])
            for name in ["stage-1", "stage-2"] {
                let stage = try await world.runToEnd(try await world.makeMigration(name, plan: plan, stage: true), plan: plan)
                #expect(stage.status.conditions?.isTrue("Succeeded") == true, "\(stage.status.errors ?? [])")
                #expect(stage.status.itinerary == "Stage")
                let volumeStep = try #require(stage.status.pipeline?.first { $0.name == "DirectVolume" })
                #expect(volumeStep.progress?.contains { $0.contains("shop/data") } == true)
            }
            #expect(try await world.objects(Resource.claims, in: "shop", on: world.destination)["data"] != nil)
            #expect(try await world.objects(Resource.deployments, in: "shop", on: world.destination).isEmpty, "a stage migrates no workloads")
            let web = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.source)["web"])
            #expect(web[path: "spec", "replicas"] == .int(2))
            let cutover = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(cutover.status.conditions?.isTrue("Succeeded") == true)
            #expect(cutover.status.conditions?.first(type: "ObjectsAlreadyExist") == nil, "the stage's claim counts as the plan's own")
        }
    }

    @Test("a rollback deletes what was migrated and restores the source exactly", .timeLimit(.minutes(1)))
    func rollbackRestoresTheSource() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await world.seed("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: shop}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      nodeSelector: {disk: ssd}
                      containers: [{name: agent, image: busybox}]
                """, on: world.source)
            let before = try await Self.snapshot(world, namespace: "shop")
            let plan = try await world.makePlan(namespaces: ["shop"])
            let cutover = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(cutover.status.conditions?.isTrue("Succeeded") == true)
            #expect(try await Self.snapshot(world, namespace: "shop") != before, "the cutover quiesced the source")

            let rollback = try await world.runToEnd(try await world.makeMigration("rollback", plan: plan, rollback: true), plan: plan)
            #expect(rollback.status.conditions?.isTrue("Succeeded") == true, "\(rollback.status.errors ?? [])")
            #expect(rollback.status.itinerary == "Rollback")
            let after = try await Self.snapshot(world, namespace: "shop")
            for (key, value) in before {
                #expect(after[key] == value, "\(key) differs after rollback")
            }
            #expect(after.count == before.count)
            let remaining = try? await world.destination.get(Resource.namespaces, name: "shop")
            #expect(remaining == nil || remaining?.deletionTimestamp != nil, "the migrated namespace is deleted from the destination")
            #expect(try await world.objects(Resource.deployments, in: "shop", on: world.destination).isEmpty)
        }
    }

    @Test("canceling a cutover stops it and gives the source its workloads back", .timeLimit(.minutes(1)))
    func cancelUnquiescesTheSource() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop"])
            var migration = try await world.makeMigration("cutover", plan: plan)
            let runner = world.runner()
            // Cancel once the source is quiesced, before anything is restored.
            for _ in 0..<200 {
                migration = try await world.reload(migration)
                if migration.currentPhase == .createDirectVolumeMigrationFinal { break }
                _ = try await runner.runOnePhase(migration: migration, plan: plan)
            }
            #expect(migration.currentPhase == .createDirectVolumeMigrationFinal)
            var web = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.source)["web"])
            #expect(web[path: "spec", "replicas"] == .int(0))
            migration.spec.canceled = true
            _ = try await world.host.update(migration.encoded())
            let canceled = try await world.runToEnd(migration, plan: plan)
            #expect(canceled.status.conditions?.isTrue("Canceled") == true)
            #expect(canceled.status.itinerary == "Cancel")
            web = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.source)["web"])
            #expect(web[path: "spec", "replicas"] == .int(2))
            #expect(web.annotations["migration.openshift.io/preQuiesceReplicas"] == nil)
        }
    }

    @Test("a phase that ran but was not recorded runs again with the same outcome", .timeLimit(.minutes(2)))
    func repeatedPhasesAreIdempotent() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop"])
            var migration = try await world.makeMigration("cutover", plan: plan)
            let runner = world.runner()
            var repeated: Set<MigrationPhase> = []
            for _ in 0..<400 {
                migration = try await world.reload(migration)
                if migration.isFinished { break }
                guard let phase = migration.currentPhase else {
                    _ = try await runner.runOnePhase(migration: migration, plan: plan)
                    continue
                }
                let before = migration
                _ = try await runner.runOnePhase(migration: migration, plan: plan)
                let after = try await world.reload(migration)
                // Lose the record of the phase once, as a crash before the status write would.
                if after.currentPhase != phase, !repeated.contains(phase), after.status.itinerary == "Final" {
                    repeated.insert(phase)
                    var rewound = after
                    rewound.status = before.status
                    _ = try await world.host.updateStatus(rewound.encoded())
                }
            }
            migration = try await world.reload(migration)
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
            #expect(repeated.count >= 10, "phases repeated: \(repeated.map(\.rawValue))")
            let web = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.destination)["web"])
            #expect(web[path: "spec", "replicas"] == .int(2), "quiescing twice kept the original replica count")
            let sourceWeb = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.source)["web"])
            #expect(sourceWeb.annotations["migration.openshift.io/preQuiesceReplicas"] == "2")
            #expect(migration.status.conditions?.first(type: "ObjectsAlreadyExist") == nil, "a repeated restore finds its own objects")
        }
    }
}
