@testable import ferry
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging
import Subprocess
import Testing

/// Silent unless `FERRY_TEST_LOG` names a level (`debug`, `info`, …), which sends logs to stderr.
let quietLogger: Logger = {
    guard let level = ProcessInfo.processInfo.environment["FERRY_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) else {
        return Logger(label: "ferry-e2e-tests", factory: { _ in SwiftLogNoOpLogHandler() })
    }
    var logger = Logger(label: "ferry-e2e-tests", factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = level
    return logger
}()

/// Two in-process clusters, `source` and `destination` (the host of the migration
/// resources), a kubeconfig with a context for each, and clients of both. The `ferry` and
/// `kubectl` binaries are driven against them as a user would.
struct EndToEndWorld: Sendable {
    /// Holds the kubeconfig, the clusters' state and the controller's logs.
    let directory: String
    let kubeconfigPath: String
    let sourceCluster: KubeSimCluster
    let destinationCluster: KubeSimCluster
    let source: KubeClient
    let destination: KubeClient

    /// Runs `body` with fresh clusters (once one of the ``WorldSlots`` is free); everything is
    /// shut down and removed afterwards.
    static func with(_ body: (EndToEndWorld) async throws -> Void) async throws {
        try await WorldSlots.shared.withSlot { try await run(body) }
    }

    private static func run(_ body: (EndToEndWorld) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-e2e-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A state directory gives each cluster a hostPath provisioner, so claims bind.
        try await KubeSimCluster.withRunning(.init(name: "source", stateDirectory: "\(directory)/source"), logger: quietLogger) { sourceCluster in
            try await KubeSimCluster.withRunning(.init(name: "destination", stateDirectory: "\(directory)/destination"), logger: quietLogger) { destinationCluster in
                let kubeconfigPath = "\(directory)/kubeconfig"
                try SandboxKubeconfig.write(
                    [
                        .init(name: "source", server: sourceCluster.url, caCertificatePEM: sourceCluster.caCertificatePEM, token: sourceCluster.adminToken),
                        .init(name: "destination", server: destinationCluster.url, caCertificatePEM: destinationCluster.caCertificatePEM, token: destinationCluster.adminToken),
                    ], current: "destination", to: kubeconfigPath)
                let source = try client(for: sourceCluster)
                let destination: KubeClient
                do { destination = try client(for: destinationCluster) } catch {
                    try? await source.shutdown()
                    throw error
                }
                let world = EndToEndWorld(
                    directory: directory, kubeconfigPath: kubeconfigPath, sourceCluster: sourceCluster, destinationCluster: destinationCluster,
                    source: source, destination: destination)
                do {
                    try await body(world)
                } catch {
                    try? await source.shutdown()
                    try? await destination.shutdown()
                    throw error
                }
                try await source.shutdown()
                try await destination.shutdown()
            }
        }
    }

    /// An admin client of `cluster`, without client-side rate limits.
    static func client(for cluster: KubeSimCluster) throws -> KubeClient {
        try KubeClient(
            configuration: ClientConfiguration(
                server: cluster.url,
                tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: cluster.configuration.name),
                credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0),
            logger: quietLogger)
    }

    /// Server-side applies `objects` on `client` in order, waiting for each CRD's kind to be served.
    func seed(_ objects: [KubeObject], on client: KubeClient) async throws {
        try await SampleApplication.apply(objects, with: client, fieldManager: "ferry-e2e-tests")
    }

    /// Waits until every claim in `namespace` on `client`'s cluster is bound and every
    /// Deployment and StatefulSet has all its replicas ready.
    func waitUntilSettled(_ namespace: String, on client: KubeClient, timeout: Duration = .seconds(30)) async throws {
        let settled = try await eventually(timeout: timeout) {
            let claims = try await client.listAll(Resources.claims, namespace: namespace).items
            let deployments = try await client.listAll(Resources.deployments, namespace: namespace).items
            let statefulSets = try await client.listAll(Resources.statefulSets, namespace: namespace).items
            return claims.allSatisfy { $0[path: "status", "phase"]?.stringValue == "Bound" }
                && (deployments + statefulSets).allSatisfy { workload in
                    (workload[path: "status", "readyReplicas"]?.intValue ?? 0) == (workload[path: "spec", "replicas"]?.intValue ?? 1)
                }
        }
        try #require(settled, "the application in \(namespace) did not become ready")
    }

    /// Writes `text` into the world's directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = "\(directory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held.
func eventually(
    timeout: Duration = .seconds(30), interval: Duration = .milliseconds(200), _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: interval)
    }
    return try await condition()
}

/// The built-in resources the tests read directly.
enum Resources {
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let volumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")
    static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    static let deployments = GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
    static let statefulSets = GroupVersionResource(group: "apps", version: "v1", resource: "statefulsets")
    static let jobs = GroupVersionResource(group: "batch", version: "v1", resource: "jobs")
}
