import FerryAPI
import FerryController
import FerryImages
import FerryTestSupport
import KubeClient
import KubeCore
import Testing

@Suite("Image migration through the controller", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct ImageMigrationReconcileTests {
    @Test("when both MigClusters name a registry, a cutover copies the image and points the workload at the destination's", .timeLimit(.minutes(1)))
    func cutoverCopiesImagesFromTheClustersRegistries() async throws {
        try await TestRegistry.withRunning { sourceRegistry in
            try await TestRegistry.withRunning { destinationRegistry in
                try await MigrationWorld.with { world in
                    let digest = try await sourceRegistry.pushImage(repository: "shop/web", tag: "1.0")
                    try await createNamespace("shop", on: world.sourceClient)
                    var deployment = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop")
                    deployment["spec"] = [
                        "replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                        "template": [
                            "metadata": ["labels": ["app": "web"]],
                            "spec": ["containers": [["name": "web", "image": .string("\(sourceRegistry.host)/shop/web:1.0")]]],
                        ],
                    ]
                    _ = try await world.sourceClient.create(deployment)
                    for (name, registry) in [("source", sourceRegistry), ("host", destinationRegistry)] {
                        var cluster = try await world.cluster(name)
                        cluster.spec.exposedRegistryPath = "http://\(registry.host)"
                        _ = try await world.hostClient.update(cluster.encoded())
                    }
                    _ = try await world.createPlan("plan", namespaces: ["shop"])
                    var spec = MigMigration.Spec()
                    spec.migPlanRef = MigrationObjectReference(name: "plan", namespace: MigrationWorld.namespace)
                    spec.quiescePods = true
                    _ = try await world.hostClient.create(MigMigration(name: "cutover", spec: spec).encoded())

                    let connector = ClusterConnector(hostClient: world.hostClient, logger: quietLogger)
                    do {
                        let clusters = MigClusterReconciler(client: world.hostClient, connector: connector, logger: quietLogger)
                        for name in ["host", "source"] { _ = try await clusters.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: name)) }
                        let plans = MigPlanReconciler(client: world.hostClient, connector: connector, settings: ControllerSettings(), logger: quietLogger)
                        _ = try await plans.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: "plan"))
                        let migrations = MigMigrationReconciler(client: world.hostClient, connector: connector, logger: quietLogger)
                        for _ in 0..<200 {
                            if try await world.migration("cutover").isFinished { break }
                            if case .requeue(let delay) = try await migrations.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: "cutover")) {
                                try await Task.sleep(for: delay)
                            }
                        }
                    } catch {
                        await connector.shutdown()
                        throw error
                    }
                    await connector.shutdown()

                    let migration = try await world.migration("cutover")
                    #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
                    let imageStep = try #require(migration.status.pipeline?.first { $0.name == "DirectImage" })
                    #expect(imageStep.skipped != true, "\(imageStep)")
                    let copied = try await destinationRegistry.client.manifest(registry: destinationRegistry.host, repository: "shop/web", reference: "1.0")
                    #expect(copied.digest == digest, "the destination serves the same digest")
                    let migrated = try await world.hostClient.get(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop")
                    let image = migrated[path: "spec", "template", "spec", "containers"]?.arrayValue?.first?["image"]?.stringValue
                    #expect(image == "\(destinationRegistry.host)/shop/web:1.0")
                }
            }
        }
    }
}
