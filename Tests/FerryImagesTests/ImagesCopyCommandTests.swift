import FerryImages
import FerryTestSupport
import Foundation
import Logging
import Subprocess
import Testing

@Suite("ferry images copy", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct ImagesCopyCommandTests {
    /// `FERRY_BINARY`, else `.build/debug/ferry` of this package (built by `swift build --build-tests`).
    static let ferry: String = {
        if let path = ProcessInfo.processInfo.environment["FERRY_BINARY"], !path.isEmpty { return path }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/ferry").path
    }()

    @Test("copies an image to a TLS registry given its CA and credentials, prints the report, and exits non-zero with the registry's error for a wrong password", .timeLimit(.minutes(1)))
    func copiesAndReportsErrors() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.ferry), "no ferry executable at \(Self.ferry): build it with `swift build --build-tests` (or set FERRY_BINARY)")
        let images = TestImages(format: .oci)
        let config = images.config(architecture: "amd64")
        let layer = images.layer(100_000)
        let manifest = try images.manifest(config: config, layers: [layer])
        try await TestRegistry.withRunning { source in
            try await TestRegistry.withRunning(secure: true) { destination in
                try await withClients(source, destination) { sourceClient, _ in
                    try await TestImages.push(manifest, blobs: [config, layer], to: sourceClient, registry: source.host, repository: "team/app", reference: "v1")
                }
                let caFile = "\(destination.directory)/cert.pem"
                let blobCache = "\(destination.directory)/blob-locations.json"
                let options = ["--src-plain-http", "--dest-ca", caFile, "--blob-cache", blobCache]
                let common = ["images", "copy", "docker://\(source.host)/team/app:v1", "\(destination.host)/team/app:v1"] + options

                let copied = try await run(common + ["--dest-creds", "\(TestRegistry.username):\(TestRegistry.password)"])
                #expect(copied.status.isSuccess, "\(copied.error)")
                #expect(copied.output.contains(manifest.digest))
                #expect(copied.output.contains("2 blobs copied"))
                #expect(try await skopeoDigest(destination, "team/app:v1") == manifest.digest)

                let credentials = ["--dest-creds", "\(TestRegistry.username):\(TestRegistry.password)"]
                let mounted = try await run(["images", "copy", "\(source.host)/team/app:v1", "\(destination.host)/other/app:v1"] + options + credentials)
                #expect(mounted.status.isSuccess, "\(mounted.error)")
                #expect(mounted.output.contains("0 blobs copied (0 bytes), 2 mounted"), "the first run's blob cache says team/app holds both blobs")

                let rejected = try await run(common + ["--dest-creds", "\(TestRegistry.username):wrong"])
                #expect(!rejected.status.isSuccess)
                #expect(rejected.error.contains("rejected the credentials"))
                #expect(rejected.error.contains(destination.host))
            }
        }
    }

    @Test("copies several images in one process from arguments and a file, sharing their common layer, and names the image that failed", .timeLimit(.minutes(1)))
    func copiesManyImages() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.ferry), "no ferry executable at \(Self.ferry): build it with `swift build --build-tests` (or set FERRY_BINARY)")
        let images = TestImages(format: .oci)
        let base = images.layer(200_000)
        let manifests = try ["web", "api", "worker"].map { name -> (name: String, manifest: Manifest, blobs: [TestImages.Blob]) in
            let config = images.config(architecture: "amd64")
            let own = images.layer(50_000)
            return (name, try images.manifest(config: config, layers: [base, own]), [config, base, own])
        }
        try await TestRegistry.withRunning { source in
            try await TestRegistry.withRunning { destination in
                try await withClients(source, destination) { sourceClient, _ in
                    for image in manifests {
                        try await TestImages.push(image.manifest, blobs: image.blobs, to: sourceClient, registry: source.host, repository: "team/\(image.name)", reference: "v1")
                    }
                }
                let list = "\(destination.directory)/images.txt"
                try """
                    # the rest of the application
                    \(source.host)/team/api:v1   \(destination.host)/team/api:v1

                    \(source.host)/team/worker:v1 \(destination.host)/team/worker:v1
                    """.write(toFile: list, atomically: true, encoding: .utf8)
                let options = ["--src-plain-http", "--dest-plain-http", "--blob-cache", "none", "--parallel-images", "2"]
                let copied = try await run(
                    ["images", "copy", "\(source.host)/team/web:v1", "\(destination.host)/team/web:v1", "--from-file", list] + options)
                #expect(copied.status.isSuccess, "\(copied.error)")
                #expect(copied.output.contains("3 of 3 image(s) copied"), "\(copied.output)")
                for image in manifests {
                    #expect(try await skopeoDigest(destination, "team/\(image.name):v1") == image.manifest.digest)
                }

                let missing = try await run(
                    ["images", "copy", "\(source.host)/team/web:v1", "\(destination.host)/team/web:v2", "\(source.host)/team/ghost:v1", "\(destination.host)/team/ghost:v1"] + options)
                #expect(!missing.status.isSuccess)
                #expect(missing.error.contains("team/ghost:v1"), "\(missing.error)")
                #expect(missing.output.contains("1 of 2 image(s) copied"), "\(missing.output)")
                #expect(try await skopeoDigest(destination, "team/web:v2") == manifests[0].manifest.digest, "the other image still copies")

                let unpaired = try await run(["images", "copy", "\(source.host)/team/web:v1"] + options)
                #expect(!unpaired.status.isSuccess)
                #expect(unpaired.error.contains("SRC DST pairs"), "\(unpaired.error)")
            }
        }
    }

    private func run(_ arguments: [String]) async throws -> (status: TerminationStatus, output: String, error: String) {
        let result = try await Subprocess.run(
            .name("timeout"), arguments: Arguments(["30", Self.ferry] + arguments), output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        return (result.terminationStatus, result.standardOutput, result.standardError)
    }
}
