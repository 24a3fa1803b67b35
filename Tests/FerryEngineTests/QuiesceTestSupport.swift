import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging

/// Simulated clusters for the quiesce and volume tests.
enum QuiesceSimulator {
    static let logger = Logger(label: "ferry-quiesce-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body` with an admin client of a fresh cluster named `name`; the client is shut
    /// down on every path. A state directory lets the cluster provision hostPath volumes.
    static func withClient<T>(
        _ name: String, stateDirectory: String? = nil, _ body: (KubeSimCluster, KubeClient) async throws -> T
    ) async throws -> T {
        let configuration = KubeSimCluster.Configuration(name: name, stateDirectory: stateDirectory)
        return try await KubeSimCluster.withRunning(configuration, logger: logger) { cluster in
            let client = try KubeClient(
                configuration: ClientConfiguration(
                    server: cluster.url,
                    tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: "sim"),
                    credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0),
                logger: logger)
            do {
                let result = try await body(cluster, client)
                try await client.shutdown()
                return result
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    /// A fresh directory under the system's temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-quiesce-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Creates every object of a manifest, in order.
    static func create(_ manifest: String, client: KubeClient) async throws {
        for object in try Manifests.decode(manifest, source: "test manifest") {
            _ = try await client.create(object)
        }
    }

    /// Polls `condition` until it holds, failing with `what` after `timeout`.
    static func waitUntil(_ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw WaitFailure(message: "timed out waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// A wait in a test that did not end.
    struct WaitFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
