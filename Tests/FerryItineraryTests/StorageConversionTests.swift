import FerryAPI
import FerryDirectVolume
import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Storage class conversion on one cluster")
struct StorageConversionTests {
    /// A CronJob that mounts the shop's claim too.
    static let archiver = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: archiver, namespace: shop}
        spec:
          schedule: "0 4 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: archiver, image: busybox}]
                  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
        """

    static func claimNames(_ workload: KubeObject, _ path: String...) -> [String] {
        ClaimWorkloads.claimNames(of: workload, podSpecPath: path)
    }

    @Test("stage then cutover copy into new claims of the new class, swap the workloads to them and keep the old claims; rollback swaps back", .timeLimit(.minutes(2)))
    func convertsSwapsAndRollsBack() async throws {
        try await MigrationWorld.with { world in
            let cluster = world.destination
            try await world.seed(MigrationWorld.storageClass("fast"), on: cluster)
            try await world.seed(SampleManifests.shop(), on: cluster)
            try await world.seed(Self.archiver, on: cluster)
            let entry = try await world.volumeEntry(claim: "data", on: cluster, selection: .init(action: "copy", storageClass: "fast"))
            try await world.write("v1", to: "orders.db", claim: "data", on: cluster)
            let plan = try await world.makeVolumePlan(source: "host", namespaces: ["shop"], persistentVolumes: [entry])
            let runner = world.volumeRunner(sameCluster: true)

            let stage = try await world.runToEnd(try await world.makeStateMigration("stage", plan: plan, quiescePods: false), plan: plan, runner: runner)
            #expect(stage.status.conditions?.isTrue("Succeeded") == true, "\(stage.status.errors ?? [])")
            let converted = try await cluster.get(Resource.claims, name: "data-new", namespace: "shop")
            #expect(converted[path: "spec", "storageClassName"] == .string("fast"))
            #expect(try await world.read("orders.db", claim: "data-new", on: cluster) == "v1")
            var web = try await cluster.get(Resource.deployments, name: "web", namespace: "shop")
            #expect(Self.claimNames(web, "spec", "template", "spec") == ["data"], "a stage leaves the workloads alone")

            try await world.write("v2", to: "orders.db", claim: "data", on: cluster)
            let cutover = try await world.runToEnd(try await world.makeStateMigration("cutover", plan: plan, quiescePods: true), plan: plan, runner: runner)
            #expect(cutover.status.conditions?.isTrue("Succeeded") == true, "\(cutover.status.errors ?? [])")
            #expect(try await world.read("orders.db", claim: "data-new", on: cluster) == "v2")
            web = try await cluster.get(Resource.deployments, name: "web", namespace: "shop")
            #expect(Self.claimNames(web, "spec", "template", "spec") == ["data-new"])
            #expect(web[path: "spec", "replicas"] == .int(2), "the swap un-quiesces the workload")
            #expect(web.annotations[QuiesceAnnotations.replicas] == nil)
            let archiver = try await cluster.get(Resource.cronJobs, name: "archiver", namespace: "shop")
            #expect(Self.claimNames(archiver, "spec", "jobTemplate", "spec", "template", "spec") == ["data-new"])
            #expect(archiver[path: "spec", "suspend"]?.boolValue == false)
            let swapStep = try #require(cutover.status.pipeline?.first { $0.name == "Cleanup" })
            #expect(swapStep.progress?.contains { $0.contains("Deployment shop/web: claims data → data-new") } == true, "\(swapStep.progress ?? [])")
            #expect((try? await cluster.get(Resource.claims, name: "data", namespace: "shop")) != nil, "the original claim stays")
            let report = try await cluster.get(Resource.cronJobs, name: "report", namespace: "shop")
            #expect(report.annotations[QuiesceAnnotations.suspend] == nil, "a workload without the claims is never quiesced")

            let rollback = try await world.runToEnd(try await world.makeMigration("rollback", plan: plan, rollback: true), plan: plan, runner: runner)
            #expect(rollback.status.conditions?.isTrue("Succeeded") == true, "\(rollback.status.errors ?? [])")
            web = try await cluster.get(Resource.deployments, name: "web", namespace: "shop")
            #expect(Self.claimNames(web, "spec", "template", "spec") == ["data"])
            #expect(web[path: "spec", "replicas"] == .int(2))
            #expect((try? await cluster.get(Resource.claims, name: "data-new", namespace: "shop")) == nil, "the converted claim is deleted")
            #expect(try await world.read("orders.db", claim: "data", on: cluster) == "v2")
        }
    }
}

@Suite("Storage class conversion with the direct volume mover")
struct StorageConversionDataTests {
    @Test("a state cutover of a storage conversion carries the files with rsync into the new claim and swaps the workload", .timeLimit(.minutes(2)))
    func directVolumeMoverConverts() async throws {
        try await MigrationWorld.with { world in
            let cluster = world.destination
            try await world.seed(MigrationWorld.storageClass("fast"), on: cluster)
            try await world.seed(SampleManifests.shop(), on: cluster)
            let entry = try await world.volumeEntry(claim: "data", on: cluster, selection: .init(action: "copy", storageClass: "fast"))
            try await world.write("orders", to: "orders.db", claim: "data", on: cluster)
            try await world.write("note", to: ".hidden", claim: "data", on: cluster)
            let plan = try await world.makeVolumePlan(source: "host", namespaces: ["shop"], persistentVolumes: [entry])
            let cutover = try await world.makeStateMigration("cutover", plan: plan, quiescePods: true)
            var settings = MigrationRunnerSettings()
            settings.inlineWait = .seconds(2)
            settings.requeueInterval = .milliseconds(50)
            let runnerSettings = settings
            let finished = try await DirectVolumeRuntime.run(DirectVolumeSettings(), logger: quietLogger) { mover in
                let runner = MigrationRunner(host: cluster, source: cluster, destination: cluster, logger: quietLogger, settings: runnerSettings, dataMover: mover)
                return try await world.runToEnd(cutover, plan: plan, runner: runner)
            }
            #expect(finished.status.conditions?.isTrue("Succeeded") == true, "\(finished.status.errors ?? [])")
            #expect(try await world.read("orders.db", claim: "data-new", on: cluster) == "orders")
            #expect(try await world.read(".hidden", claim: "data-new", on: cluster) == "note")
            let claim = try await cluster.get(Resource.claims, name: "data-new", namespace: "shop")
            #expect(claim[path: "spec", "storageClassName"] == .string("fast"))
            let web = try await cluster.get(Resource.deployments, name: "web", namespace: "shop")
            #expect(StorageConversionTests.claimNames(web, "spec", "template", "spec") == ["data-new"])
        }
    }
}
