public import FerryImages
import FerryTransfer
import Foundation
import Logging
import Subprocess

/// A `docker-registry` (the CNCF distribution registry) on a free loopback port, with its
/// storage in a temporary directory, for tests: anonymous plain HTTP, Basic credentials over
/// plain HTTP, or Basic credentials over TLS with a self-signed certificate.
public struct TestRegistry: Sendable {
    /// Where Debian installs the registry.
    public static let executable = "/usr/bin/docker-registry"
    /// Whether the registry and the tools the tests use with it are installed (tests skip when not).
    public static let isInstalled: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init)
        return FileManager.default.isExecutableFile(atPath: executable)
            && ["skopeo", "openssl", "htpasswd"].allSatisfy { tool in directories.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") } }
    }()
    /// Why a test that needs it is skipped.
    public static let skipReason = "docker-registry, skopeo, openssl or htpasswd is not installed; run scripts/setup.sh, which installs them"

    /// The user name of a registry that asks for credentials.
    public static let username = "ferry"
    /// The password of a TLS registry started without one of its own.
    public static let password = "s3cret-pass"

    /// `127.0.0.1:PORT`.
    public let host: String
    /// Its configuration, storage and log; removed when the registry stops.
    public let directory: String
    /// The self-signed certificate it serves, when it serves TLS.
    public let certificatePEM: [UInt8]?
    /// The password it asks for (user ``username``), nil when it is anonymous.
    public let requiredPassword: String?
    /// A client for it presenting its credentials (one attempt per request: no retries hide errors).
    public let client: RegistryClient

    private static let quietLogger = Logger(label: "test-registry", factory: { _ in SwiftLogNoOpLogHandler() })

    /// How Ferry reaches it with `password` (by default the one it asks for).
    public func configuration(password: String? = nil) -> RegistryConfiguration {
        Self.configuration(requiredPassword: requiredPassword, certificatePEM: certificatePEM, password: password)
    }

    private static func configuration(requiredPassword: String?, certificatePEM: [UInt8]?, password: String? = nil) -> RegistryConfiguration {
        let credentials = requiredPassword.map { RegistryConfiguration.Credentials.basic(username: username, password: password ?? $0) } ?? .anonymous
        let transport: RegistryConfiguration.Transport = certificatePEM.map { .https(certificateAuthorityPEM: $0) } ?? .plainHTTP
        return RegistryConfiguration(credentials: credentials, transport: transport, initialBackoff: .milliseconds(10))
    }

    /// `skopeo` options reaching it.
    public var skopeoOptions: [String] {
        requiredPassword.map { ["--tls-verify=false", "--creds", "\(Self.username):\($0)"] } ?? ["--tls-verify=false"]
    }

    /// Runs `body` with a started registry, then stops it and removes its storage. `secure`
    /// serves TLS and asks for `password` (default ``password``); otherwise a `password` makes
    /// it ask for Basic credentials over plain HTTP.
    public static func withRunning<T: Sendable>(secure: Bool = false, password: String? = nil, _ body: (TestRegistry) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-registry-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try LoopbackPort.free(count: 1)[0]
        let requiredPassword = secure ? password ?? Self.password : password
        var config = """
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: \(directory)/data
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:\(port)

            """
        var certificatePEM: [UInt8]?
        if secure {
            try await runTool("openssl", [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "\(directory)/key.pem", "-out", "\(directory)/cert.pem",
            ])
            certificatePEM = Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/cert.pem")))
            config += """
                  tls:
                    certificate: \(directory)/cert.pem
                    key: \(directory)/key.pem

                """
        }
        if let requiredPassword {
            let htpasswd = try await runTool("htpasswd", ["-Bbn", username, requiredPassword])
            try htpasswd.write(toFile: "\(directory)/htpasswd", atomically: true, encoding: .utf8)
            config += """
                auth:
                  htpasswd:
                    realm: ferry-test
                    path: \(directory)/htpasswd

                """
        }
        try config.write(toFile: "\(directory)/config.yml", atomically: true, encoding: .utf8)
        var clientConfiguration = configuration(requiredPassword: requiredPassword, certificatePEM: certificatePEM)
        clientConfiguration.maximumAttempts = 1
        let client = try RegistryClient(configuration: clientConfiguration, logger: quietLogger)
        let registry = TestRegistry(
            host: "127.0.0.1:\(port)", directory: directory, certificatePEM: certificatePEM, requiredPassword: requiredPassword, client: client)
        let logPath = "\(directory)/registry.log"
        let outcome: Result<T, any Error>
        do {
            outcome = try await Subprocess.run(
                .path("/bin/sh"), arguments: ["-c", "exec \"$0\" serve \"$1\" >\"$2\" 2>&1", executable, "\(directory)/config.yml", logPath],
                input: .none, output: .discarded, error: .discarded
            ) { execution -> Result<T, any Error> in
                let result: Result<T, any Error>
                do {
                    try await registry.waitUntilReady(logPath: logPath)
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

    /// Waits until the registry answers `/v2/` with its credentials accepted.
    private func waitUntilReady(logPath: String) async throws {
        for _ in 0..<200 {
            if (try? await client.ping(registry: host)) != nil { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw ToolFailure(description: "docker-registry did not answer on \(host) within 5 s; its log:\n\(log)")
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
        // Hashed as skopeo wrote them: the digest is of the manifest's exact bytes.
        let script = "skopeo inspect --raw \"$@\" \"docker://$0\" | sha256sum"
        let output = try await runTool("/bin/bash", ["-o", "pipefail", "-c", script, "\(host)/\(reference)"] + skopeoOptions)
        guard let hex = output.split(separator: " ").first else {
            throw ToolFailure(description: "skopeo inspect \(host)/\(reference) printed nothing to hash")
        }
        return "sha256:\(hex)"
    }
}
