import FerryAPI
import FerryEngine
import FerryImages
import FerryTestSupport
import KubeClient
import KubeCore
import Synchronization
import Testing

@Suite("Image migration: ImageStreams and in-cluster names", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct ImageMigrationImageStreamTests {
    static let sourceInternal = "image-registry.openshift-image-registry.svc:5000"
    static let destinationInternal = "image-registry.destination.svc:5000"
    static let imageStreams = GroupVersionResource(group: "image.openshift.io", version: "v1", resource: "imagestreams")

    /// What the host held when the copy began: the DirectImageMigration and its stream records.
    final class CopyStart: Sendable {
        let records = Mutex<(DirectImageMigration?, [DirectImageStreamMigration])>((nil, []))
    }

    /// Reads the host's records when the runner hands it the images, then copies them.
    struct ObservingMigrator: ImageMigrator {
        let migrator: RegistryImageMigrator
        let host: KubeClient
        let start: CopyStart

        func migrate(_ request: ImageMigrationRequest) async throws -> ImageMigrationOutcome {
            let namespace = MigrationAPI.defaultNamespace
            let record = try await host.listAll(MigrationResourceType.directImageMigration.resource, namespace: namespace).items.first
                .map { try DirectImageMigration(object: $0) }
            let streams = try await host.listAll(MigrationResourceType.directImageStreamMigration.resource, namespace: namespace).items
                .map { try DirectImageStreamMigration(object: $0) }
            start.records.withLock { $0 = (record, streams) }
            return try await migrator.migrate(request)
        }
    }

    static func runner(_ world: MigrationWorld, from source: TestRegistry, to destination: TestRegistry, start: CopyStart? = nil) -> MigrationRunner {
        var settings = MigrationRunnerSettings()
        settings.inlineWait = .seconds(2)
        settings.requeueInterval = .milliseconds(50)
        return MigrationRunner(
            host: world.host, source: world.source, destination: world.destination, logger: quietLogger, settings: settings,
            imageMigrator: ObservingMigrator(
                migrator: RegistryImageMigrator(source: source.client, destination: destination.client, logger: quietLogger), host: world.host,
                start: start ?? CopyStart()),
            imageRegistryPaths: ImageRegistryPaths(
                source: source.host, destination: destination.host, sourceInternal: sourceInternal, destinationInternal: destinationInternal))
    }

    /// Two registries, the source's holding shop/web 0.9 and 1.0, and a world whose source
    /// cluster runs the application naming them (`seedApplication`).
    struct SeededShop {
        let world: MigrationWorld
        let sourceRegistry: TestRegistry
        let destinationRegistry: TestRegistry
        let latest: String
        let previous: String
    }

    static func withSeededShop(_ body: (SeededShop) async throws -> Void) async throws {
        try await TestRegistry.withRunning { sourceRegistry in
            try await TestRegistry.withRunning { destinationRegistry in
                let previous = try await sourceRegistry.pushImage(repository: "shop/web", tag: "0.9")
                let latest = try await sourceRegistry.pushImage(repository: "shop/web", tag: "1.0")
                try await MigrationWorld.with { world in
                    try await seedApplication(world, latest: latest, previous: previous)
                    try await body(SeededShop(
                        world: world, sourceRegistry: sourceRegistry, destinationRegistry: destinationRegistry, latest: latest, previous: previous))
                }
            }
        }
    }

    /// A Deployment and an ImageStream naming the source registry only by its in-cluster
    /// name, with the stream's status as OpenShift's image controller leaves it.
    static func seedApplication(_ world: MigrationWorld, latest: String, previous: String) async throws {
        try await world.seed("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: "\(sourceInternal)/shop/web@\(latest)"}]
            ---
            apiVersion: image.openshift.io/v1
            kind: ImageStream
            metadata: {name: web, namespace: shop}
            spec:
              lookupPolicy: {local: false}
            """, on: world.source)
        var stream = try await world.source.get(imageStreams, name: "web", namespace: "shop")
        stream["status"] = [
            "dockerImageRepository": .string("\(sourceInternal)/shop/web"),
            "tags": [[
                "tag": "latest",
                "items": [
                    ["created": "2026-01-02T00:00:00Z", "dockerImageReference": .string("\(sourceInternal)/shop/web@\(latest)"), "image": .string(latest), "generation": 2],
                    ["created": "2026-01-01T00:00:00Z", "dockerImageReference": .string("\(sourceInternal)/shop/web@\(previous)"), "image": .string(previous), "generation": 1],
                ],
            ]],
        ]
        _ = try await world.source.updateStatus(imageStreams, stream, namespace: "shop")
    }

    @Test("images named by the in-cluster registry are copied through the exposed registries and the destination stream resolves its tags", .timeLimit(.minutes(1)))
    func internalNamesAndImageStreamStatus() async throws {
        try await Self.withSeededShop { shop in
            let (world, sourceRegistry, destinationRegistry) = (shop.world, shop.sourceRegistry, shop.destinationRegistry)
            let (latest, previous) = (shop.latest, shop.previous)
            let plan = try await world.makePlan(namespaces: ["shop"])
            let runner = Self.runner(world, from: sourceRegistry, to: destinationRegistry)
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan, runner: runner)
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")

            for digest in [latest, previous] {
                #expect(try await destinationRegistry.skopeoDigest("shop/web@\(digest)") == digest, "the destination registry serves \(digest)")
            }
            let web = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.destination)["web"])
            let image = web[path: "spec", "template", "spec", "containers"]?.arrayValue?.first?["image"]?.stringValue
            #expect(image == "\(Self.destinationInternal)/shop/web@\(latest)")

            let stream = try await world.destination.get(Self.imageStreams, name: "web", namespace: "shop")
            #expect(stream[path: "status", "dockerImageRepository"]?.stringValue == "\(Self.destinationInternal)/shop/web")
            let items = stream[path: "status", "tags"]?.arrayValue?.first?["items"]?.arrayValue ?? []
            #expect(items.compactMap { $0["dockerImageReference"]?.stringValue } == [
                "\(Self.destinationInternal)/shop/web@\(latest)", "\(Self.destinationInternal)/shop/web@\(previous)",
            ])
            #expect(items.compactMap { $0["image"]?.stringValue } == [latest, previous])
        }
    }

    @Test("each ImageStream gets a DirectImageStreamMigration owned by the DirectImageMigration, which lists it", .timeLimit(.minutes(1)))
    func directImageStreamMigrations() async throws {
        try await Self.withSeededShop { shop in
            let (world, sourceRegistry, destinationRegistry) = (shop.world, shop.sourceRegistry, shop.destinationRegistry)
            // A second stream whose only image is missing from the source registry.
            try await world.seed("""
                apiVersion: image.openshift.io/v1
                kind: ImageStream
                metadata: {name: ghost, namespace: shop}
                spec:
                  tags: [{name: gone, from: {kind: DockerImage, name: "\(Self.sourceInternal)/shop/ghost:2.0"}}]
                """, on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop"])
            let start = CopyStart()
            let runner = Self.runner(world, from: sourceRegistry, to: destinationRegistry, start: start)
            let migration = try await world.runToEnd(try await world.makeMigration("stage", plan: plan, stage: true), plan: plan, runner: runner)

            let (started, startedStreams) = start.records.withLock { $0 }
            #expect(started?.status.phase == "Running")
            #expect(started?.status.newISs?.compactMap(\.name).sorted() == ["ghost", "web"], "while copying, every stream is new")
            #expect(started?.status.newISs?.allSatisfy { $0.directMigration?.name != nil } == true)
            #expect(startedStreams.count == 2 && startedStreams.allSatisfy { $0.status.phase == "Running" })
            #expect(migration.status.conditions?.isTrue("Failed") == true)
            #expect((migration.status.errors ?? []).joined().contains("shop/ghost:2.0"), "\(migration.status.errors ?? [])")

            let record = try DirectImageMigration(object: try await world.host.get(
                MigrationResourceType.directImageMigration.resource, name: migration.name, namespace: migration.namespace))
            #expect(record.status.phase == "Failed")
            #expect(record.status.newISs == nil, "every stream has an outcome")
            let successful = try #require(record.status.successfulISs?.first)
            let failed = try #require(record.status.failedISs?.first)
            #expect(successful.name == "web")
            #expect(failed.name == "ghost")
            #expect(failed.errors?.joined().contains("shop/ghost:2.0") == true, "\(failed.errors ?? [])")

            let streamMigrations = try await world.host.listAll(
                MigrationResourceType.directImageStreamMigration.resource, namespace: migration.namespace).items
                .map { try DirectImageStreamMigration(object: $0) }
            #expect(streamMigrations.count == 2)
            for (entry, phase) in [(successful, "Completed"), (failed, "Failed")] {
                let reference = try #require(entry.directMigration)
                let streamMigration = try #require(streamMigrations.first { $0.name == reference.name })
                #expect(streamMigration.object.controllerReference?.uid == record.object.uid)
                #expect(streamMigration.spec.imageStreamRef == MigrationObjectReference(name: entry.name, namespace: "shop"))
                #expect(streamMigration.spec.destNamespace == "shop")
                #expect(streamMigration.spec.srcMigClusterRef == plan.spec.srcMigClusterRef)
                #expect(streamMigration.status.phase == phase)
            }
            let ghost = try #require(streamMigrations.first { $0.spec.imageStreamRef?.name == "ghost" })
            #expect(ghost.status.errors?.joined().contains("shop/ghost:2.0") == true)
        }
    }

    @Test("a cutover after a stage finds every image the stage copied and uploads nothing; each migration keeps its own records", .timeLimit(.minutes(1)))
    func cutoverAfterStageCopiesNothing() async throws {
        try await Self.withSeededShop { shop in
            let (world, sourceRegistry, destinationRegistry) = (shop.world, shop.sourceRegistry, shop.destinationRegistry)
            let plan = try await world.makePlan(namespaces: ["shop"])
            let runner = Self.runner(world, from: sourceRegistry, to: destinationRegistry)
            let stage = try await world.runToEnd(try await world.makeMigration("stage", plan: plan, stage: true), plan: plan, runner: runner)
            #expect(stage.status.conditions?.isTrue("Succeeded") == true, "\(stage.status.errors ?? [])")
            let staged = stage.status.pipeline?.first { $0.name == "DirectImage" }?.progress ?? []
            #expect(staged.count == 2 && staged.allSatisfy { $0.contains(": copied sha256:") }, "\(staged)")

            let cutover = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan, runner: runner)
            #expect(cutover.status.conditions?.isTrue("Succeeded") == true, "\(cutover.status.errors ?? [])")
            let progress = cutover.status.pipeline?.first { $0.name == "DirectImage" }?.progress ?? []
            #expect(progress.count == 2 && progress.allSatisfy { $0.contains("already present") }, "\(progress)")

            let streamMigrations = try await world.host.listAll(
                MigrationResourceType.directImageStreamMigration.resource, namespace: MigrationAPI.defaultNamespace).items
                .map { try DirectImageStreamMigration(object: $0) }
            #expect(streamMigrations.map(\.name).sorted() == ["cutover-shop-web", "stage-shop-web"])
            #expect(streamMigrations.allSatisfy { $0.status.phase == "Completed" })
        }
    }
}
