import FerryAPI
import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Target storage of copied claims")
struct TargetStorageTests {
    @Test("the destination claim gets the selection's class, access mode, the entry's volume mode and the src:target name; workloads follow the rename", .timeLimit(.minutes(1)))
    func destinationClaimTakesTheSelection() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(MigrationWorld.storageClass("fast"), on: world.destination)
            try await world.seed(SampleManifests.shop(), on: world.source)
            let entry = try await world.volumeEntry(
                claim: "data", on: world.source, pvcName: "data:data-fast",
                selection: .init(action: "copy", storageClass: "fast", accessMode: "ReadWriteMany", copyMethod: "filesystem"))
            try await world.write("orders", to: "orders.db", claim: "data", on: world.source)
            let plan = try await world.makeVolumePlan(namespaces: ["shop"], persistentVolumes: [entry])
            let runner = world.volumeRunner()
            let cutover = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan, runner: runner)
            #expect(cutover.status.conditions?.isTrue("Succeeded") == true, "\(cutover.status.errors ?? [])")

            let claims = try await world.objects(Resource.claims, in: "shop", on: world.destination)
            #expect(claims["data"] == nil, "the claim is created under its target name only")
            let claim = try #require(claims["data-fast"])
            #expect(claim[path: "spec", "storageClassName"] == .string("fast"))
            #expect(claim[path: "spec", "accessModes"] == .array([.string("ReadWriteMany")]))
            #expect(claim[path: "spec", "volumeMode"] == .string("Filesystem"))
            #expect(try await world.read("orders.db", claim: "data-fast", on: world.destination) == "orders")
            let web = try await world.destination.get(Resource.deployments, name: "web", namespace: "shop")
            let volumes = web[path: "spec", "template", "spec", "volumes"]?.arrayValue ?? []
            #expect(volumes.first?[path: ["persistentVolumeClaim", "claimName"]] == .string("data-fast"))
        }
    }

    @Test("with resizing enabled the destination claim requests the plan's proposed capacity; without it the source's request", .timeLimit(.minutes(1)))
    func resizingRequestsTheProposedCapacity() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            var entry = try await world.volumeEntry(claim: "data", on: world.source, selection: .init(action: "copy", storageClass: "standard"))
            entry.proposedCapacity = "3Gi"
            let plan = try await world.makeVolumePlan(namespaces: ["shop"], persistentVolumes: [entry])
            let stage = try await world.runToEnd(
                try await world.makeMigration("stage", plan: plan, stage: true), plan: plan, runner: world.volumeRunner(resizesVolumes: false))
            #expect(stage.status.conditions?.isTrue("Succeeded") == true, "\(stage.status.errors ?? [])")
            let unchanged = try await world.destination.get(Resource.claims, name: "data", namespace: "shop")
            #expect(unchanged[path: "spec", "resources", "requests", "storage"] == .string("1Gi"))

            _ = try await world.destination.delete(Resource.claims, name: "data", namespace: "shop")
            for _ in 0..<100 where (try? await world.destination.get(Resource.claims, name: "data", namespace: "shop")) != nil {
                try await Task.sleep(for: .milliseconds(50))
            }
            let resized = try await world.runToEnd(
                try await world.makeMigration("stage-resized", plan: plan, stage: true), plan: plan, runner: world.volumeRunner(resizesVolumes: true))
            #expect(resized.status.conditions?.isTrue("Succeeded") == true, "\(resized.status.errors ?? [])")
            let claim = try await world.destination.get(Resource.claims, name: "data", namespace: "shop")
            #expect(claim[path: "spec", "resources", "requests", "storage"] == .string("3Gi"))
        }
    }
}
