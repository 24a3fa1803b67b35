import FerryAPI
import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("State migration (migrateState)")
struct StateMigrationTests {
    /// The shop plus a second claim the plan does not select.
    static let cacheClaim = """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: cache, namespace: shop}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
        """

    /// The destination as a GitOps tool deployed it: the namespace and a claim `data`.
    static func gitOpsClaim(size: String, accessMode: String = "ReadWriteOnce") -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: shop, labels: {deployed-by: gitops}}
        spec:
          accessModes: [\(accessMode)]
          resources: {requests: {storage: \(size)}}
        """
    }

    @Test("a state cutover copies only the selected claim's data into the claim GitOps deployed, quiesces its users and creates nothing else", .timeLimit(.minutes(1)))
    func stateCutoverCopiesIntoExistingClaims() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await world.seed(Self.cacheClaim, on: world.source)
            try await world.seed(Self.gitOpsClaim(size: "2Gi"), on: world.destination)
            let existing = try await world.destination.get(Resource.claims, name: "data", namespace: "shop")
            let entry = try await world.volumeEntry(claim: "data", on: world.source, selection: .init(action: "copy", storageClass: "standard"))
            try await world.write("v1", to: "state.txt", claim: "data", on: world.source)
            let plan = try await world.makeVolumePlan(namespaces: ["shop"], persistentVolumes: [entry])

            let migration = try await world.runToEnd(
                try await world.makeStateMigration("state-cutover", plan: plan, quiescePods: true), plan: plan, runner: world.volumeRunner())
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
            #expect(migration.status.itinerary == "Stage")
            let volumeStep = try #require(migration.status.pipeline?.first { $0.name == "DirectVolume" })
            #expect(volumeStep.progress?.first == "state migration: 1 claims")
            #expect(migration.status.pipeline?.first { $0.name == "DirectImage" }?.skipped == true)

            let claims = try await world.objects(Resource.claims, in: "shop", on: world.destination)
            #expect(Set(claims.keys) == ["data"], "the unselected claim stays behind")
            #expect(claims["data"]?.uid == existing.uid, "the GitOps claim is used as it is")
            #expect(try await world.read("state.txt", claim: "data", on: world.destination) == "v1")
            #expect(try await world.objects(Resource.deployments, in: "shop", on: world.destination).isEmpty)
            #expect(try await world.objects(Resource.configMaps, in: "shop", on: world.destination)["settings"] == nil)

            let web = try await world.source.get(Resource.deployments, name: "web", namespace: "shop")
            #expect(web[path: "spec", "replicas"] == .int(0), "the claim's users stay quiesced on the source")
            let report = try await world.source.get(Resource.cronJobs, name: "report", namespace: "shop")
            #expect(report[path: "spec", "suspend"]?.boolValue != true, "workloads that do not use the claims keep running")
        }
    }

    @Test("a state stage copies without quiescing", .timeLimit(.minutes(1)))
    func stateStageKeepsTheApplicationRunning() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            let entry = try await world.volumeEntry(claim: "data", on: world.source, selection: .init(action: "copy", storageClass: "standard"))
            try await world.write("staged", to: "state.txt", claim: "data", on: world.source)
            let plan = try await world.makeVolumePlan(namespaces: ["shop"], persistentVolumes: [entry])
            let stage = try await world.runToEnd(
                try await world.makeStateMigration("state-stage", plan: plan, quiescePods: false), plan: plan, runner: world.volumeRunner())
            #expect(stage.status.conditions?.isTrue("Succeeded") == true, "\(stage.status.errors ?? [])")
            #expect(try await world.read("state.txt", claim: "data", on: world.destination) == "staged")
            let web = try await world.source.get(Resource.deployments, name: "web", namespace: "shop")
            #expect(web[path: "spec", "replicas"] == .int(2))
        }
    }

    @Test("a destination claim smaller than the source's fails the state migration naming both claims", .timeLimit(.minutes(1)))
    func tooSmallExistingClaimFails() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await world.seed(Self.gitOpsClaim(size: "100Mi", accessMode: "ReadOnlyMany"), on: world.destination)
            let entry = try await world.volumeEntry(claim: "data", on: world.source, selection: .init(action: "copy", storageClass: "standard"))
            let plan = try await world.makeVolumePlan(namespaces: ["shop"], persistentVolumes: [entry])
            let migration = try await world.runToEnd(
                try await world.makeStateMigration("state-cutover", plan: plan, quiescePods: true), plan: plan, runner: world.volumeRunner())
            #expect(migration.status.conditions?.isTrue("Failed") == true)
            let error = (migration.status.errors ?? []).joined()
            #expect(error.contains("destination claim shop/data cannot take the data of source claim shop/data"), "\(error)")
            #expect(error.contains("100Mi is less than the source's 1Gi"), "\(error)")
            #expect(error.contains("lack ReadWriteOnce"), "\(error)")
        }
    }
}
