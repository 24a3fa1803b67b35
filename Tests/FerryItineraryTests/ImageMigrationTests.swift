import FerryAPI
import FerryEngine
import FerryImages
import KubeClient
import KubeCore
import FerryTestSupport
import Testing

@Suite("Image migration", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct ImageMigrationTests {
    static func deployment(image: String) -> String {
        """
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
              containers: [{name: web, image: "\(image)"}, {name: sidecar, image: "nginx:1.27"}]
        """
    }

    static func runner(_ world: MigrationWorld, from source: TestRegistry, to destination: TestRegistry) -> MigrationRunner {
        var settings = MigrationRunnerSettings()
        settings.inlineWait = .seconds(2)
        settings.requeueInterval = .milliseconds(50)
        return MigrationRunner(
            host: world.host, source: world.source, destination: world.destination, logger: quietLogger, settings: settings,
            imageMigrator: RegistryImageMigrator(source: source.client, destination: destination.client, logger: quietLogger),
            imageRegistryPaths: ImageRegistryPaths(source: source.host, destination: destination.host))
    }

    @Test("a cutover copies the workload's image to the destination registry and points the workload at it", .timeLimit(.minutes(1)))
    func cutoverCopiesImages() async throws {
        try await TestRegistry.withRunning { sourceRegistry in
            try await TestRegistry.withRunning { destinationRegistry in
                let digest = try await sourceRegistry.pushImage(repository: "shop/web", tag: "1.0")
                try await MigrationWorld.with { world in
                    try await world.seed(Self.deployment(image: "\(sourceRegistry.host)/shop/web:1.0"), on: world.source)
                    try await world.seed("""
                        apiVersion: image.openshift.io/v1
                        kind: ImageStream
                        metadata: {name: web, namespace: shop}
                        spec:
                          tags: [{name: pinned, from: {kind: DockerImage, name: "\(sourceRegistry.host)/shop/web@\(digest)"}}]
                        """, on: world.source)
                    let plan = try await world.makePlan(namespaces: ["shop"])
                    let runner = Self.runner(world, from: sourceRegistry, to: destinationRegistry)
                    let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan, runner: runner)

                    #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
                    let record = try DirectImageMigration(object: try await world.host.get(
                        MigrationResourceType.directImageMigration.resource, name: migration.name, namespace: migration.namespace))
                    #expect(record.object.controllerReference?.uid == migration.uid)
                    #expect(record.status.phase == "Completed")
                    #expect(record.status.successfulISs?.map(\.name) == ["web"])
                    #expect(record.spec.namespaces == ["shop"])
                    let stream = try #require(try await world.objects(
                        GroupVersionResource(group: "image.openshift.io", version: "v1", resource: "imagestreams"), in: "shop", on: world.destination)["web"])
                    #expect(stream[path: "spec", "tags"]?.arrayValue?.first?["from"]?["name"] == .string("\(destinationRegistry.host)/shop/web@\(digest)"))
                    let step = try #require(migration.status.pipeline?.first { $0.name == "DirectImage" })
                    #expect(step.skipped != true)
                    #expect(step.progress?.contains { $0.contains("shop/web:1.0") && $0.contains("copied \(digest)") } == true, "\(step.progress ?? [])")
                    let copied = try await destinationRegistry.client.manifestDigest(
                        registry: destinationRegistry.host, repository: "shop/web", reference: "1.0")
                    #expect(copied == digest, "the destination registry serves the same digest")
                    let web = try #require(try await world.objects(Resource.deployments, in: "shop", on: world.destination)["web"])
                    let images = web[path: "spec", "template", "spec", "containers"]?.arrayValue?.compactMap { $0["image"]?.stringValue }
                    #expect(images == ["\(destinationRegistry.host)/shop/web:1.0", "nginx:1.27"])
                }
            }
        }
    }

    @Test("an image missing from the source registry fails the migration with the registry's error", .timeLimit(.minutes(1)))
    func missingImageFailsTheMigration() async throws {
        try await TestRegistry.withRunning { sourceRegistry in
            try await TestRegistry.withRunning { destinationRegistry in
                try await MigrationWorld.with { world in
                    try await world.seed(Self.deployment(image: "\(sourceRegistry.host)/shop/ghost:2.0"), on: world.source)
                    let plan = try await world.makePlan(namespaces: ["shop"])
                    let runner = Self.runner(world, from: sourceRegistry, to: destinationRegistry)
                    let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan, runner: runner)

                    #expect(migration.status.conditions?.isTrue("Failed") == true)
                    let errors = (migration.status.errors ?? []).joined()
                    #expect(errors.contains("shop/ghost:2.0"), "\(errors)")
                    #expect(errors.contains("could not be copied"), "\(errors)")
                    let record = try DirectImageMigration(object: try await world.host.get(
                        MigrationResourceType.directImageMigration.resource, name: migration.name, namespace: migration.namespace))
                    #expect(record.status.phase == "Failed")
                    #expect(record.status.errors?.joined().contains("shop/ghost:2.0") == true)
                    let deployments = try await world.objects(Resource.deployments, in: "shop", on: world.destination)
                    #expect(deployments["web"] == nil, "nothing is restored after the image step failed")
                }
            }
        }
    }

    @Test("images sharing a layer upload it once and mount it, and copying again skips every image", .timeLimit(.minutes(1)))
    func sharedLayersAreMountedAndRepeatsSkipped() async throws {
        try await TestRegistry.withRunning { sourceRegistry in
            try await TestRegistry.withRunning { destinationRegistry in
                let layer = TestRegistry.randomLayer()
                _ = try await sourceRegistry.pushImage(repository: "shop/web", tag: "1.0", layer: layer)
                _ = try await sourceRegistry.pushImage(repository: "shop/api", tag: "1.0", layer: layer)
                let mapping = ImageRegistryMapping(sourceRegistry: sourceRegistry.host, destinationRegistry: destinationRegistry.host)
                let images = ["shop/web", "shop/api"].map { repository in
                    let source = ImageReference(registry: sourceRegistry.host, repository: repository, tag: "1.0")
                    return ImageMigrationRequest.Image(source: source, destination: mapping.destinationImage(for: source))
                }
                // One image at a time, so the second finds the shared layer already copied.
                let migrator = RegistryImageMigrator(
                    source: sourceRegistry.client, destination: destinationRegistry.client, parallelImages: 1, logger: quietLogger)
                let request = ImageMigrationRequest(migrationName: "cutover", migrationUID: "uid", images: images)

                let first = try await migrator.migrate(request)
                let reports = first.entries.compactMap { entry -> CopyReport? in
                    if case .copied(let report) = entry.result { return report }
                    return nil
                }
                #expect(reports.count == 2, "\(first.entries.map(\.progressLine))")
                #expect(reports.map(\.blobsMounted) == [0, 1], "the shared layer is mounted into the second repository")
                #expect(reports.map(\.blobsCopied) == [2, 1], "each image uploads its own config")

                let second = try await migrator.migrate(request)
                #expect(second.entries.allSatisfy { if case .skipped = $0.result { true } else { false } }, "\(second.entries.map(\.progressLine))")
            }
        }
    }
}
