import FerryAPI
import FerryCLI
import FerryDirectVolume
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Direct volume migration in a local run")
struct LocalRunDataMigrationTests {
    @Test("LocalMigrationRunner with direct volume settings (ferry migrate --local) carries a claim's files in a stage", .timeLimit(.minutes(2)))
    func localRunCarriesData() async throws {
        try await VolumeWorld.with { world in
            let sourceDirectory = try await world.makeClaim()
            try FileTree.populate(sourceDirectory, megabytes: 1)
            try await ControllerDataMigrationTests.registerClusters(world)
            let plan = try await world.makePlan(namespaces: ["shop"], markReady: false)
            let migration = try await world.makeMigration("stage", plan: plan, stage: true)

            let runner = LocalMigrationRunner(
                host: HostCluster(client: world.host, namespace: MigrationAPI.defaultNamespace), directVolume: DirectVolumeSettings(), logger: quietLogger)
            let finished = try await runner.run(migration.name)
            #expect(finished.status.conditions?.isTrue("Succeeded") == true, "\(finished.status.errors ?? [])")
            let destinationDirectory = try await world.volumeDirectory(of: "data", namespace: "shop", on: world.destination)
            #expect(try FileTree(reading: destinationDirectory).difference(from: try FileTree(reading: sourceDirectory)) == nil)
        }
    }
}
