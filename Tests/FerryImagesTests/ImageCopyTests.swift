import FerryImages
import FerryTestSupport
import Logging
import Testing

@Suite("Copying images between real registries", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct ImageCopyTests {
    let logger = Logger(label: "ferry-images-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test(
        "a multi-platform OCI index or Docker manifest list is copied from a plain registry to a TLS htpasswd registry with every digest unchanged, and a second copy copies nothing",
        .timeLimit(.minutes(1)), arguments: ["oci", "docker"])
    func multiPlatformIndexCopiesByteForByte(format: String) async throws {
        let images = TestImages(format: format == "oci" ? .oci : .docker)
        let base = images.layer(300_000)
        let amd64 = (config: images.config(architecture: "amd64"), layer: images.layer(120_000))
        let arm64 = (config: images.config(architecture: "arm64"), layer: images.layer(90_000))
        let amd64Manifest = try images.manifest(config: amd64.config, layers: [base, amd64.layer])
        let arm64Manifest = try images.manifest(config: arm64.config, layers: [base, arm64.layer])
        let index = try images.index([(amd64Manifest, "amd64"), (arm64Manifest, "arm64")])
        try await TestRegistry.withRunning { source in
            try await TestRegistry.withRunning(secure: true) { destination in
                try await withClients(source, destination) { sourceClient, destinationClient in
                    for (manifest, blobs) in [(amd64Manifest, [amd64.config, base, amd64.layer]), (arm64Manifest, [arm64.config, base, arm64.layer])] {
                        try await TestImages.push(manifest, blobs: blobs, to: sourceClient, registry: source.host, repository: "team/app", reference: manifest.digest)
                    }
                    try await sourceClient.putManifest(index, registry: source.host, repository: "team/app", reference: "v1")

                    let copier = ImageCopier(source: sourceClient, destination: destinationClient, logger: logger)
                    let from = try ImageReference(parsing: "\(source.host)/team/app:v1")
                    let to = try ImageReference(parsing: "\(destination.host)/migrated/app:v1")
                    let report = try await copier.copy(source: from, destination: to)
                    #expect(report.digest == index.digest)
                    #expect(report.blobsCopied == 5, "one shared base layer, two platform layers and two configs")
                    #expect(report.bytesCopied == Int64(300_000 + 120_000 + 90_000 + amd64.config.bytes.count + arm64.config.bytes.count))
                    #expect(report.manifestsCopied == 3)

                    #expect(try await skopeoDigest(destination, "migrated/app:v1") == index.digest)
                    #expect(try await skopeoDigest(destination, "migrated/app@\(amd64Manifest.digest)") == amd64Manifest.digest)
                    #expect(try await skopeoDigest(destination, "migrated/app@\(arm64Manifest.digest)") == arm64Manifest.digest)
                    let copied = try await destinationClient.manifest(registry: destination.host, repository: "migrated/app", reference: "v1")
                    #expect(copied.bytes == index.bytes)
                    #expect(copied.mediaType == (format == "oci" ? Manifest.ociIndex : Manifest.dockerManifestList))

                    let again = try await copier.copy(source: from, destination: to)
                    #expect(again.blobsCopied == 0)
                    #expect(again.blobsSkipped == 5)
                    #expect(again.manifestsCopied == 0)
                    #expect(again.manifestsSkipped == 3)
                }
            }
        }
    }

    @Test("Docker schema 2 images keep their digests, and a base layer already in another destination repository is mounted instead of uploaded", .timeLimit(.minutes(1)))
    func dockerImagesMountSharedLayers() async throws {
        let images = TestImages(format: .docker)
        let base = images.layer(200_000)
        let first = (config: images.config(architecture: "amd64"), layer: images.layer(50_000))
        let second = (config: images.config(architecture: "amd64"), layer: images.layer(60_000))
        let firstManifest = try images.manifest(config: first.config, layers: [base, first.layer])
        let secondManifest = try images.manifest(config: second.config, layers: [base, second.layer])
        try await TestRegistry.withRunning { source in
            try await TestRegistry.withRunning(secure: true) { destination in
                try await withClients(source, destination) { sourceClient, destinationClient in
                    try await TestImages.push(firstManifest, blobs: [first.config, base, first.layer], to: sourceClient, registry: source.host, repository: "shop/web", reference: "1.0")
                    try await TestImages.push(secondManifest, blobs: [second.config, base, second.layer], to: sourceClient, registry: source.host, repository: "shop/api", reference: "2.0")

                    let copier = ImageCopier(source: sourceClient, destination: destinationClient, logger: logger)
                    let web = try await copier.copy(source: try ImageReference(parsing: "\(source.host)/shop/web:1.0"), destination: try ImageReference(parsing: "\(destination.host)/prod/web:1.0"))
                    let api = try await copier.copy(source: try ImageReference(parsing: "\(source.host)/shop/api:2.0"), destination: try ImageReference(parsing: "\(destination.host)/prod/api:2.0"))
                    #expect(web.blobsCopied == 3)
                    #expect(api.blobsMounted == 1, "the base layer is mounted from prod/web")
                    #expect(api.blobsCopied == 2)
                    #expect(try await skopeoDigest(destination, "prod/web:1.0") == firstManifest.digest)
                    #expect(try await skopeoDigest(destination, "prod/api:2.0") == secondManifest.digest)
                    #expect(try await destinationClient.blobExists(registry: destination.host, repository: "prod/api", digest: base.descriptor.digest))
                    let copied = try await destinationClient.manifest(registry: destination.host, repository: "prod/api", reference: "2.0")
                    #expect(copied.mediaType == Manifest.dockerManifest)
                }
            }
        }
    }

    @Test("large blobs are uploaded in chunks, and an image pinned by digest copies to a new repository of the same registry by mounting", .timeLimit(.minutes(1)))
    func chunkedUploadsAndSameRegistryMounts() async throws {
        let images = TestImages(format: .oci)
        let config = images.config(architecture: "amd64")
        let big = images.layer(1_500_000)
        let manifest = try images.manifest(config: config, layers: [big])
        try await TestRegistry.withRunning { source in
            try await TestRegistry.withRunning { destination in
                try await withClients(source, destination) { sourceClient, destinationClient in
                    try await TestImages.push(manifest, blobs: [config, big], to: sourceClient, registry: source.host, repository: "data/big", reference: "v1")
                    let options = ImageCopier.Options(parallelBlobCopies: 2, chunkedUploadThreshold: 1_000_000, chunkSize: 256 * 1024)
                    let log = RecordedLog()
                    let chunkingDestination = try RegistryClient(configuration: destination.configuration(), logger: log.logger)
                    let copier = ImageCopier(source: sourceClient, destination: chunkingDestination, options: options, logger: logger)
                    let pinned = try ImageReference(parsing: "\(source.host)/data/big@\(manifest.digest)")
                    let outcome = await Result { try await copier.copy(source: pinned, destination: try ImageReference(parsing: "\(destination.host)/data/big:v1")) }
                    try await chunkingDestination.shutdown()
                    let report = try outcome.get()
                    #expect(log.count("uploaded a chunk") == 6, "1,500,000 bytes in 256 KiB chunks")
                    #expect(report.blobsCopied == 2)
                    #expect(report.bytesCopied == Int64(1_500_000 + config.bytes.count))
                    #expect(try await skopeoDigest(destination, "data/big:v1") == manifest.digest)
                    #expect(try await destinationClient.blobExists(registry: destination.host, repository: "data/big", digest: big.descriptor.digest))

                    let sameRegistry = ImageCopier(source: destinationClient, destination: destinationClient, logger: logger)
                    let mounted = try await sameRegistry.copy(
                        source: try ImageReference(parsing: "\(destination.host)/data/big:v1"), destination: try ImageReference(parsing: "\(destination.host)/archive/big:v1"))
                    #expect(mounted.blobsMounted == 2)
                    #expect(mounted.blobsCopied == 0)
                    #expect(try await skopeoDigest(destination, "archive/big:v1") == manifest.digest)
                }
            }
        }
    }
}

/// Runs `body` with a client for each registry and shuts both down afterwards.
func withClients<T: Sendable>(
    _ source: TestRegistry, _ destination: TestRegistry, sourcePassword: String = TestRegistry.password, destinationPassword: String = TestRegistry.password,
    _ body: (RegistryClient, RegistryClient) async throws -> T
) async throws -> T {
    let logger = Logger(label: "ferry-images-tests", factory: { _ in SwiftLogNoOpLogHandler() })
    let sourceClient = try RegistryClient(configuration: source.configuration(password: sourcePassword), logger: logger)
    let destinationClient = try RegistryClient(configuration: destination.configuration(password: destinationPassword), logger: logger)
    let result: Result<T, any Error>
    do {
        result = .success(try await body(sourceClient, destinationClient))
    } catch {
        result = .failure(error)
    }
    try await sourceClient.shutdown()
    try await destinationClient.shutdown()
    return try result.get()
}

/// The digest of the manifest `image` (`repo:tag` or `repo@digest`) as `skopeo inspect --raw`
/// fetches it from `registry`: an independent client's view.
func skopeoDigest(_ registry: TestRegistry, _ image: String) async throws -> String {
    let raw = try await runTool("skopeo", ["inspect", "--raw"] + registry.skopeoOptions + ["docker://\(registry.host)/\(image)"])
    return TestImages.digest(Array(raw.utf8))
}
