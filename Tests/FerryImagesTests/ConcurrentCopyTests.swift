import FerryImages
import FerryTestSupport
import Logging
import Testing

@Suite("Copying several images at once on one copier", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct ConcurrentCopyTests {
    let logger = Logger(label: "ferry-images-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("images sharing a base layer and copied at the same time upload the base layer once and mount it into the other repositories", .timeLimit(.minutes(1)))
    func sharedLayerIsUploadedOnceAcrossConcurrentCopies() async throws {
        let images = TestImages(format: .oci)
        let base = images.layer(400_000)
        let own = (1...4).map { number in (config: images.config(architecture: "amd64-\(number)"), layer: images.layer(30_000 + number * 1_000)) }
        let manifests = try own.map { try images.manifest(config: $0.config, layers: [base, $0.layer]) }
        try await TestRegistry.withRunning { source in
            try await TestRegistry.withRunning { destination in
                try await withClients(source, destination) { sourceClient, destinationClient in
                    for (number, manifest) in manifests.enumerated() {
                        try await TestImages.push(
                            manifest, blobs: [own[number].config, base, own[number].layer], to: sourceClient, registry: source.host, repository: "team/app-\(number)", reference: "v1")
                    }
                    let copier = ImageCopier(source: sourceClient, destination: destinationClient, logger: logger)
                    let reports = try await withThrowingTaskGroup(of: CopyReport.self) { group in
                        for number in manifests.indices {
                            let from = try ImageReference(parsing: "\(source.host)/team/app-\(number):v1")
                            let to = try ImageReference(parsing: "\(destination.host)/prod/app-\(number):v1")
                            group.addTask { try await copier.copy(source: from, destination: to) }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    #expect(reports.map(\.blobsMounted).reduce(0, +) == 3, "the base layer is mounted into three of the four repositories")
                    #expect(reports.map(\.blobsCopied).reduce(0, +) == 9, "the base layer once, and each image's own layer and config")
                    let ownBytes = own.map { $0.config.bytes.count + $0.layer.bytes.count }.reduce(0, +)
                    #expect(reports.map(\.bytesCopied).reduce(0, +) == Int64(base.bytes.count + ownBytes))
                    for (number, manifest) in manifests.enumerated() {
                        #expect(try await skopeoDigest(destination, "prod/app-\(number):v1") == manifest.digest)
                        #expect(try await destinationClient.blobExists(registry: destination.host, repository: "prod/app-\(number)", digest: base.descriptor.digest))
                    }
                }
            }
        }
    }
}
