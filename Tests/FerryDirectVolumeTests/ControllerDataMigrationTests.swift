import FerryAPI
import FerryController
import FerryDirectVolume
import FerryEngine
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Direct volume migration through the controller")
struct ControllerDataMigrationTests {
    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")

    /// The MigClusters the controller connects to: the destination is the host, the source is
    /// reached with its admin token.
    static func registerClusters(_ world: VolumeWorld) async throws {
        let namespace = MigrationAPI.defaultNamespace
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "source-token", namespace: namespace)
        secret["data"] = .object(["saToken": .string(Data(world.sourceCluster.adminToken.utf8).base64EncodedString())])
        _ = try await world.host.create(Self.secrets, secret, namespace: namespace)
        var host = MigCluster.Spec()
        host.isHostCluster = true
        _ = try await world.host.create(MigCluster(name: "host", spec: host).encoded())
        var source = MigCluster.Spec()
        source.url = world.sourceCluster.url
        source.serviceAccountSecretRef = MigrationObjectReference(name: "source-token", namespace: namespace)
        source.caBundle = Data(world.sourceCluster.caCertificatePEM.utf8).base64EncodedString()
        _ = try await world.host.create(MigCluster(name: "source", spec: source).encoded())
    }

    @Test("FerryControllerService with direct volume migration runs a cutover that carries a claim's files to the destination", .timeLimit(.minutes(3)))
    func controllerCutoverCarriesData() async throws {
        try await VolumeWorld.with { world in
            let sourceDirectory = try await world.makeClaim()
            try FileTree.populate(sourceDirectory)
            try await Self.registerClusters(world)
            let plan = try await world.makePlan(namespaces: ["shop"], markReady: false)
            let migration = try await world.makeMigration("cutover", plan: plan, stage: false)

            let configuration = ClientConfiguration(
                server: world.destinationCluster.url,
                tls: .init(certificateAuthorityPEM: Array(world.destinationCluster.caCertificatePEM.utf8), certificateAuthoritySource: "sim"),
                credentials: .bearerToken(world.destinationCluster.adminToken), queriesPerSecond: 0)
            let controller = FerryControllerService(
                configuration: configuration, settings: ControllerSettings(clusterRecheckInterval: .seconds(2), planRecheckInterval: .seconds(1)),
                directVolume: DirectVolumeSettings(), logger: quietLogger)
            let finished: MigMigration = try await withThrowingTaskGroup(of: MigMigration?.self) { group in
                group.addTask {
                    try await controller.run()
                    return nil
                }
                group.addTask {
                    for _ in 0..<1200 {
                        let current = try await world.reload(migration)
                        if current.isFinished { return current }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    return try await world.reload(migration)
                }
                defer { group.cancelAll() }
                while let next = try await group.next() {
                    if let next { return next }
                }
                throw CancellationError()
            }
            #expect(finished.status.conditions?.isTrue("Succeeded") == true, "\(finished.status.conditions ?? []) \(finished.status.errors ?? [])")
            let destinationDirectory = try await world.volumeDirectory(of: "data", namespace: "shop", on: world.destination)
            #expect(try FileTree(reading: destinationDirectory).difference(from: try FileTree(reading: sourceDirectory)) == nil)
            let lines = finished.status.pipeline?.first { $0.name == "DirectVolume" }?.progress ?? []
            #expect(lines.contains { $0.hasPrefix("shop/data: copied") && $0.contains("local rsync") }, "\(lines)")
        }
    }
}
