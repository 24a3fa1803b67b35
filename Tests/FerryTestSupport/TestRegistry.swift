public import FerryImages
import Foundation
import Logging
import NIOCore
import NIOPosix
import Subprocess

/// A `docker-registry` (the CNCF distribution registry) serving plain HTTP on a free
/// loopback port, with its storage in a temporary directory, for tests.
public struct TestRegistry: Sendable {
    /// Where Debian installs the registry.
    public static let executable = "/usr/bin/docker-registry"
    /// Whether it is installed (tests skip when not).
    public static let isInstalled = FileManager.default.isExecutableFile(atPath: executable)
    /// Why a test that needs it is skipped.
    public static let skipReason = "docker-registry is not installed at /usr/bin/docker-registry; run scripts/setup.sh, which installs it"

    /// `127.0.0.1:PORT`.
    public let host: String
    /// A client for it (plain HTTP, anonymous).
    public let client: RegistryClient

    private static let quietLogger = Logger(label: "test-registry", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The user name of a registry started with a password.
    public static let username = "ferry"

    /// Runs `body` with a started registry, then stops it and removes its storage. With a
    /// `password`, the registry asks for Basic credentials (user ``username``; htpasswd auth)
    /// and `client` presents them.
    public static func withRunning<T: Sendable>(password: String? = nil, _ body: (TestRegistry) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-dim-registry-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try await freePort()
        var config = """
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: \(directory)/data
            http:
              addr: 127.0.0.1:\(port)

            """
        var credentials = RegistryConfiguration.Credentials.anonymous
        if let password {
            let entry = try await Subprocess.run(
                .path("/usr/bin/htpasswd"), arguments: ["-Bbn", username, password], output: .string(limit: 4096), error: .discarded)
            try entry.standardOutput.write(toFile: "\(directory)/htpasswd", atomically: true, encoding: .utf8)
            config += """
                auth:
                  htpasswd:
                    realm: ferry-test
                    path: \(directory)/htpasswd

                """
            credentials = .basic(username: username, password: password)
        }
        try config.write(toFile: "\(directory)/config.yml", atomically: true, encoding: .utf8)
        let client = try RegistryClient(
            configuration: RegistryConfiguration(credentials: credentials, transport: .plainHTTP, maximumAttempts: 1), logger: quietLogger)
        let registry = TestRegistry(host: "127.0.0.1:\(port)", client: client)
        let outcome: Result<T, any Error>
        do {
            outcome = try await Subprocess.run(
                .path("/usr/bin/docker-registry"), arguments: ["serve", "\(directory)/config.yml"], input: .none, output: .discarded, error: .discarded
            ) { execution -> Result<T, any Error> in
                let result: Result<T, any Error>
                do {
                    try await registry.waitUntilReady()
                    result = .success(try await body(registry))
                } catch {
                    result = .failure(error)
                }
                try? execution.send(signal: .kill)
                return result
            }.closureResult
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return try outcome.get()
    }

    /// Waits until the registry answers a request (about a blob nobody pushed).
    private func waitUntilReady() async throws {
        for _ in 0..<200 {
            if (try? await client.ping(registry: host)) != nil { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw RegistryError(.transport, "docker-registry did not answer on \(host) within 5 s")
    }

    /// Random bytes for a layer.
    public static func randomLayer() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Pushes a one-layer image as `repository:tag` and returns its manifest digest.
    public func pushImage(repository: String, tag: String, layer: [UInt8] = randomLayer()) async throws -> String {
        let config = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers"},"created":"\#(UUID().uuidString)"}"#.utf8)
        let configDescriptor = try await client.pushBlob(
            config, mediaType: "application/vnd.oci.image.config.v1+json", registry: host, repository: repository)
        let layerDescriptor = try await client.pushBlob(
            layer, mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", registry: host, repository: repository)
        struct Body: Encodable {
            let schemaVersion = 2
            let mediaType = Manifest.ociManifest
            let config: Manifest.Descriptor
            let layers: [Manifest.Descriptor]
        }
        let bytes = Array(try JSONEncoder().encode(Body(config: configDescriptor, layers: [layerDescriptor])))
        let manifest = try Manifest(bytes: bytes, contentType: Manifest.ociManifest, source: "a test image")
        try await client.putManifest(manifest, registry: host, repository: repository, reference: tag)
        return manifest.digest
    }

    /// The digest of `reference`'s manifest (`repository:tag` or `repository@digest`) as
    /// `skopeo inspect --raw`, a client independent of Ferry's, reads it from this registry.
    public func skopeoDigest(_ reference: String) async throws -> String {
        let result = try await Subprocess.run(
            .path("/bin/bash"), arguments: ["-o", "pipefail", "-c", "skopeo inspect --raw --tls-verify=false \"docker://$0\" | sha256sum", "\(host)/\(reference)"],
            output: .string(limit: 4096), error: .string(limit: 1 << 16))
        guard result.terminationStatus.isSuccess, let hex = result.standardOutput.split(separator: " ").first else {
            throw RegistryError(.transport, "skopeo inspect \(host)/\(reference) failed: \(result.standardError)")
        }
        return "sha256:\(hex)"
    }

    /// A TCP port nothing listens on right now.
    private static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}
