import FerryImages
import Foundation
import Logging
import Subprocess
import Testing

@Suite("ferry images copy", .enabled(if: TestRegistry.isInstalled, TestRegistry.skipReason))
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

    private func run(_ arguments: [String]) async throws -> (status: TerminationStatus, output: String, error: String) {
        let result = try await Subprocess.run(
            .name("timeout"), arguments: Arguments(["30", Self.ferry] + arguments), output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        return (result.terminationStatus, result.standardOutput, result.standardError)
    }
}
