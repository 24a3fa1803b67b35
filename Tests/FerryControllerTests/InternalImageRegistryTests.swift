import FerryAPI
import FerryController
import FerryImages
import FerryTestSupport
import KubeClient
import KubeCore
import Testing

@Suite("In-cluster registry names and failed images through the controller")
struct InternalImageRegistryTests {
    static let imageConfigDefinition = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"images.config.openshift.io"},
         "spec":{"group":"config.openshift.io","scope":"Cluster","names":{"plural":"images","singular":"image","kind":"Image"},
         "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}}}]}}
        """

    static func reconcile(_ name: String, in world: MigrationWorld, connector: ClusterConnector) async throws -> MigCluster {
        let clusters = MigClusterReconciler(client: world.hostClient, connector: connector, logger: quietLogger)
        _ = try await clusters.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: name))
        return try await world.cluster(name)
    }

    @Test("status.registryPath is the image configuration's internal hostname, else the ImageStreams' registry host, else unset", .timeLimit(.minutes(1)))
    func registryPathDiscovery() async throws {
        try await MigrationWorld.with { world in
            let connector = ClusterConnector(hostClient: world.hostClient, logger: quietLogger)
            do {
                #expect(try await Self.reconcile("source", in: world, connector: connector).status.registryPath == nil, "no image API: unset")
                #expect(try await Self.reconcile("source", in: world, connector: connector).status.conditions?.isTrue("Ready") == true)

                _ = try await world.sourceClient.create(TestResources.customResourceDefinitions, try KubeObject(parsing: Array(Self.imageConfigDefinition.utf8)))
                _ = try await world.sourceClient.resourceMapper(refresh: true)
                let configs = InternalRegistryDiscovery.imageConfigs
                var config = try await world.sourceClient.create(configs, KubeObject(apiVersion: "config.openshift.io/v1", kind: "Image", name: "cluster"))
                config["status"] = ["internalRegistryHostname": "image-registry.openshift-image-registry.svc:5000"]
                _ = try await world.sourceClient.updateStatus(configs, config)
                #expect(try await Self.reconcile("source", in: world, connector: connector).status.registryPath == "image-registry.openshift-image-registry.svc:5000")

                try await createNamespace("shop", on: world.hostClient)
                let streams = InternalRegistryDiscovery.imageStreams
                var stream = try await world.hostClient.create(streams, KubeObject(apiVersion: "image.openshift.io/v1", kind: "ImageStream", name: "web", namespace: "shop"), namespace: "shop")
                stream["status"] = ["dockerImageRepository": "docker-registry.default.svc:5000/shop/web"]
                _ = try await world.hostClient.updateStatus(streams, stream, namespace: "shop")
                #expect(try await Self.reconcile("host", in: world, connector: connector).status.registryPath == "docker-registry.default.svc:5000")
            } catch {
                await connector.shutdown()
                throw error
            }
            await connector.shutdown()
        }
    }

    @Test("a source registry refusing the credentials fails the migration with its 401 in MigMigration errors and DirectImageMigration failedISs", .timeLimit(.minutes(1)),
        .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
    func unauthorizedRegistryFailsTheMigration() async throws {
        try await TestRegistry.withRunning(password: "registry-secret") { sourceRegistry in
            try await TestRegistry.withRunning { destinationRegistry in
                try await MigrationWorld.with { world in
                    _ = try await sourceRegistry.pushImage(repository: "shop/web", tag: "1.0")
                    try await createNamespace("shop", on: world.sourceClient)
                    var stream = KubeObject(apiVersion: "image.openshift.io/v1", kind: "ImageStream", name: "web", namespace: "shop")
                    stream["spec"] = ["tags": [["name": "1.0", "from": ["kind": "DockerImage", "name": .string("\(sourceRegistry.host)/shop/web:1.0")]]]]
                    _ = try await world.sourceClient.create(stream)
                    try await world.exposeRegistries(source: sourceRegistry, destination: destinationRegistry)
                    _ = try await world.createPlan("plan", namespaces: ["shop"])
                    var spec = MigMigration.Spec()
                    spec.migPlanRef = MigrationObjectReference(name: "plan", namespace: MigrationWorld.namespace)
                    _ = try await world.hostClient.create(MigMigration(name: "cutover", spec: spec).encoded())

                    try await world.runImageMigrationThroughController("cutover")

                    let migration = try await world.migration("cutover")
                    #expect(migration.status.conditions?.isTrue("Failed") == true)
                    let errors = (migration.status.errors ?? []).joined(separator: "\n")
                    #expect(errors.contains("401 Unauthorized") && errors.contains("shop/web:1.0"), "\(errors)")
                    let record = try DirectImageMigration(object: try await world.hostClient.get(
                        DirectImageMigration.resourceType.resource, name: "cutover", namespace: MigrationWorld.namespace))
                    let failed = try #require(record.status.failedISs?.first)
                    #expect(failed.name == "web")
                    #expect(failed.errors?.joined().contains("401 Unauthorized") == true, "\(failed.errors ?? [])")
                    #expect(failed.directMigration?.name != nil)
                }
            }
        }
    }

    @Test("a source registry answering 500 on every attempt fails the migration with its own error in MigMigration errors and DirectImageMigration failedISs", .timeLimit(.minutes(1)),
        .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
    func failingRegistryFailsTheMigration() async throws {
        try await FailingRegistry.withRunning { sourceRegistry in
            try await TestRegistry.withRunning { destinationRegistry in
                try await MigrationWorld.with { world in
                    try await createNamespace("shop", on: world.sourceClient)
                    var stream = KubeObject(apiVersion: "image.openshift.io/v1", kind: "ImageStream", name: "web", namespace: "shop")
                    stream["spec"] = ["tags": [["name": "1.0", "from": ["kind": "DockerImage", "name": .string("\(sourceRegistry.host)/shop/web:1.0")]]]]
                    _ = try await world.sourceClient.create(stream)
                    for (name, host) in [("source", sourceRegistry.host), ("host", destinationRegistry.host)] {
                        var cluster = try await world.cluster(name)
                        cluster.spec.exposedRegistryPath = "http://\(host)"
                        _ = try await world.hostClient.update(cluster.encoded())
                    }
                    _ = try await world.createPlan("plan", namespaces: ["shop"])
                    var spec = MigMigration.Spec()
                    spec.migPlanRef = MigrationObjectReference(name: "plan", namespace: MigrationWorld.namespace)
                    _ = try await world.hostClient.create(MigMigration(name: "cutover", spec: spec).encoded())

                    try await world.runImageMigrationThroughController("cutover")

                    let migration = try await world.migration("cutover")
                    #expect(migration.status.conditions?.isTrue("Failed") == true)
                    let errors = (migration.status.errors ?? []).joined(separator: "\n")
                    #expect(errors.contains("500 Internal Server Error after 4 attempts") && errors.contains(FailingRegistry.message), "\(errors)")
                    #expect(sourceRegistry.requestCount >= 4, "the request was retried")
                    let record = try DirectImageMigration(object: try await world.hostClient.get(
                        DirectImageMigration.resourceType.resource, name: "cutover", namespace: MigrationWorld.namespace))
                    let failed = try #require(record.status.failedISs?.first)
                    #expect(failed.name == "web")
                    #expect(failed.errors?.joined().contains(FailingRegistry.message) == true, "\(failed.errors ?? [])")
                    let streams = try await world.hostClient.list(InternalRegistryDiscovery.imageStreams, namespace: "shop")
                    #expect(streams.items.isEmpty, "nothing is restored after the image step failed")
                }
            }
        }
    }
}
