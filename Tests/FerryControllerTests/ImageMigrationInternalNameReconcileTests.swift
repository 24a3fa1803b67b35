import FerryAPI
import FerryController
import FerryImages
import FerryTestSupport
import KubeClient
import KubeCore
import Testing

extension MigrationWorld {
    /// Reconciles both MigClusters and the plan once, then the migration `name` until it
    /// finishes, as the controller would.
    func runImageMigrationThroughController(_ name: String) async throws {
        let connector = ClusterConnector(hostClient: hostClient, logger: quietLogger)
        do {
            let clusters = MigClusterReconciler(client: hostClient, connector: connector, logger: quietLogger)
            for cluster in ["host", "source"] { _ = try await clusters.reconcile(ObjectKey(namespace: Self.namespace, name: cluster)) }
            let plans = MigPlanReconciler(client: hostClient, connector: connector, settings: ControllerSettings(), logger: quietLogger)
            _ = try await plans.reconcile(ObjectKey(namespace: Self.namespace, name: "plan"))
            let migrations = MigMigrationReconciler(client: hostClient, connector: connector, logger: quietLogger)
            for _ in 0..<200 {
                if try await migration(name).isFinished { break }
                if case .requeue(let delay) = try await migrations.reconcile(ObjectKey(namespace: Self.namespace, name: name)) {
                    try await Task.sleep(for: delay)
                }
            }
        } catch {
            await connector.shutdown()
            throw error
        }
        await connector.shutdown()
    }

    /// Points both MigClusters at their registries' exposed paths (plain HTTP).
    func exposeRegistries(source: TestRegistry, destination: TestRegistry) async throws {
        for (name, registry) in [("source", source), ("host", destination)] {
            var cluster = try await cluster(name)
            cluster.spec.exposedRegistryPath = "http://\(registry.host)"
            _ = try await hostClient.update(cluster.encoded())
        }
    }

    /// Gives the cluster `client` reaches OpenShift's image configuration naming its internal
    /// registry `hostname`.
    func installImageConfiguration(on client: KubeClient, internalRegistryHostname hostname: String) async throws {
        _ = try await client.create(TestResources.customResourceDefinitions, try KubeObject(parsing: Array(InternalImageRegistryTests.imageConfigDefinition.utf8)))
        _ = try await client.resourceMapper(refresh: true)
        var config = try await client.create(InternalRegistryDiscovery.imageConfigs, KubeObject(apiVersion: "config.openshift.io/v1", kind: "Image", name: "cluster"))
        config["status"] = ["internalRegistryHostname": .string(hostname)]
        _ = try await client.updateStatus(InternalRegistryDiscovery.imageConfigs, config)
    }
}

@Suite("Image migration through the controller: in-cluster registry names", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct ImageMigrationInternalNameReconcileTests {
    static let sourceInternal = "image-registry.openshift-image-registry.svc:5000"
    static let hostInternal = "image-registry.host.svc:5000"

    @Test("workloads and ImageStreams naming the source's in-cluster registry are copied through the exposed paths and end up naming the destination's", .timeLimit(.minutes(1)))
    func internalNamesThroughTheController() async throws {
        try await TestRegistry.withRunning { sourceRegistry in
            try await TestRegistry.withRunning { destinationRegistry in
                try await MigrationWorld.with { world in
                    let digest = try await sourceRegistry.pushImage(repository: "shop/web", tag: "1.0")
                    try await world.installImageConfiguration(on: world.sourceClient, internalRegistryHostname: Self.sourceInternal)
                    try await world.installImageConfiguration(on: world.hostClient, internalRegistryHostname: Self.hostInternal)
                    try await createNamespace("shop", on: world.sourceClient)
                    var deployment = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop")
                    deployment["spec"] = [
                        "replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                        "template": [
                            "metadata": ["labels": ["app": "web"]],
                            "spec": ["containers": [["name": "web", "image": .string("\(Self.sourceInternal)/shop/web@\(digest)")]]],
                        ],
                    ]
                    _ = try await world.sourceClient.create(deployment)
                    let streams = InternalRegistryDiscovery.imageStreams
                    var stream = try await world.sourceClient.create(
                        streams, KubeObject(apiVersion: "image.openshift.io/v1", kind: "ImageStream", name: "web", namespace: "shop"), namespace: "shop")
                    stream["status"] = [
                        "dockerImageRepository": .string("\(Self.sourceInternal)/shop/web"),
                        "tags": [["tag": "1.0", "items": [["dockerImageReference": .string("\(Self.sourceInternal)/shop/web@\(digest)"), "image": .string(digest)]]]],
                    ]
                    _ = try await world.sourceClient.updateStatus(streams, stream, namespace: "shop")
                    try await world.exposeRegistries(source: sourceRegistry, destination: destinationRegistry)
                    _ = try await world.createPlan("plan", namespaces: ["shop"])
                    var spec = MigMigration.Spec()
                    spec.migPlanRef = MigrationObjectReference(name: "plan", namespace: MigrationWorld.namespace)
                    spec.quiescePods = true
                    _ = try await world.hostClient.create(MigMigration(name: "cutover", spec: spec).encoded())

                    try await world.runImageMigrationThroughController("cutover")

                    #expect(try await world.cluster("source").status.registryPath == Self.sourceInternal)
                    let migration = try await world.migration("cutover")
                    #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
                    let copied = try await destinationRegistry.client.manifestDigest(registry: destinationRegistry.host, repository: "shop/web", reference: digest)
                    #expect(copied == digest, "the destination registry serves the same digest")
                    let migrated = try await world.hostClient.get(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop")
                    let image = migrated[path: "spec", "template", "spec", "containers"]?.arrayValue?.first?["image"]?.stringValue
                    #expect(image == "\(Self.hostInternal)/shop/web@\(digest)")
                    let restored = try await world.hostClient.get(streams, name: "web", namespace: "shop")
                    let item = restored[path: "status", "tags"]?.arrayValue?.first?["items"]?.arrayValue?.first
                    #expect(item?["dockerImageReference"]?.stringValue == "\(Self.hostInternal)/shop/web@\(digest)")
                    #expect(item?["image"]?.stringValue == digest)
                    let record = try DirectImageMigration(object: try await world.hostClient.get(
                        DirectImageMigration.resourceType.resource, name: "cutover", namespace: MigrationWorld.namespace))
                    #expect(record.status.successfulISs?.map(\.name) == ["web"])
                }
            }
        }
    }
}
