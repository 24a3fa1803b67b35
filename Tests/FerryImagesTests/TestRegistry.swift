import AsyncHTTPClient
import FerryImages
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Subprocess
import Testing

/// A `docker-registry` (the CNCF distribution registry) on a free loopback port, with its
/// storage in a temporary directory; optionally behind htpasswd auth and TLS.
struct TestRegistry: Sendable {
    static let executable = "/usr/bin/docker-registry"
    /// Whether the registry and the tools the tests use are installed (scripts/setup.sh installs them).
    static let isInstalled: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init)
        return FileManager.default.isExecutableFile(atPath: executable)
            && ["skopeo", "openssl", "htpasswd"].allSatisfy { tool in directories.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") } }
    }()
    static let skipReason: Comment = "docker-registry, skopeo, openssl or htpasswd is not installed; run scripts/setup.sh, which installs them"
    static let username = "ferry"
    static let password = "s3cret-pass"

    /// `127.0.0.1:PORT`.
    let host: String
    let directory: String
    /// The self-signed certificate it serves, when it serves TLS.
    let certificatePEM: [UInt8]?

    /// How Ferry reaches it: anonymous plain HTTP, or the test user over TLS trusting its certificate.
    func configuration(password: String = TestRegistry.password) -> RegistryConfiguration {
        guard let certificatePEM else { return RegistryConfiguration(transport: .plainHTTP, initialBackoff: .milliseconds(10)) }
        return RegistryConfiguration(
            credentials: .basic(username: Self.username, password: password), transport: .https(certificateAuthorityPEM: certificatePEM),
            initialBackoff: .milliseconds(10))
    }

    /// `skopeo` options reaching it.
    var skopeoOptions: [String] {
        certificatePEM == nil ? ["--tls-verify=false"] : ["--tls-verify=false", "--creds", "\(Self.username):\(Self.password)"]
    }

    /// Runs `body` with a started registry and stops the registry afterwards.
    static func withRunning<T: Sendable>(secure: Bool = false, _ body: (TestRegistry) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-registry-\(UUID().uuidString)").path
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
            let htpasswd = try await runTool("htpasswd", ["-Bbn", username, password])
            try htpasswd.write(toFile: "\(directory)/htpasswd", atomically: true, encoding: .utf8)
            certificatePEM = Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/cert.pem")))
            config += """
                  tls:
                    certificate: \(directory)/cert.pem
                    key: \(directory)/key.pem
                auth:
                  htpasswd:
                    realm: ferry-test
                    path: \(directory)/htpasswd

                """
        }
        try config.write(toFile: "\(directory)/config.yml", atomically: true, encoding: .utf8)
        let registry = TestRegistry(host: "127.0.0.1:\(port)", directory: directory, certificatePEM: certificatePEM)
        let logPath = "\(directory)/registry.log"
        let outcome = try await Subprocess.run(
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
        }
        return try outcome.closureResult.get()
    }

    /// Waits until `/v2/` answers (200, or 401 behind auth).
    private func waitUntilReady(logPath: String) async throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .milliseconds(200), read: .seconds(2))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let url = "\(certificatePEM == nil ? "http" : "https")://\(host)/v2/"
        var ready = false
        for _ in 0..<200 where !ready {
            if let response = try? await client.execute(HTTPClientRequest(url: url), timeout: .seconds(2)), [200, 401].contains(response.status.code) {
                ready = true
            } else {
                try? await Task.sleep(for: .milliseconds(25))
            }
        }
        try await client.shutdown()
        guard ready else {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw ToolFailure(description: "docker-registry did not answer on \(url) within 5 s; its log:\n\(log)")
        }
    }

    /// A TCP port nothing listens on right now.
    private static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}

/// Runs a tool to completion and returns its standard output; fails the test with its
/// standard error when it exits non-zero.
@discardableResult
func runTool(_ path: String, _ arguments: [String]) async throws -> String {
    let result = try await Subprocess.run(
        .name("timeout"), arguments: Arguments(["30", path] + arguments), output: .string(limit: 8 << 20), error: .string(limit: 1 << 20))
    guard result.terminationStatus.isSuccess else {
        throw ToolFailure(description: "\(path) \(arguments.joined(separator: " ")) failed (\(result.terminationStatus)): \(result.standardError)")
    }
    return result.standardOutput
}

/// A tool the tests run exited with a failure.
struct ToolFailure: Error, CustomStringConvertible {
    let description: String
}
