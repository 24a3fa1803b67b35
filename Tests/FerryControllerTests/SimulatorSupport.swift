import FerryAPI
import KubeClient
import KubeCore
import KubeSim
import Logging

let quietLogger = Logger(label: "ferry-controller-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// Resources the tests create.
enum TestResources {
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
    static let persistentVolumeClaims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let persistentVolumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")
    static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    static let leases = GroupVersionResource(group: "coordination.k8s.io", version: "v1", resource: "leases")
    static let customResourceDefinitions = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")
}

/// The configuration an admin uses to reach `cluster`.
func adminConfiguration(_ cluster: KubeSimCluster, token: String? = nil) -> ClientConfiguration {
    ClientConfiguration(
        server: cluster.url,
        tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: "sim"),
        credentials: .bearerToken(token ?? cluster.adminToken), queriesPerSecond: 0)
}

/// Runs `body` with a fresh simulated cluster and an admin client, shutting the client down on
/// every path.
func withCluster(_ name: String = "host", _ body: (KubeSimCluster, KubeClient) async throws -> Void) async throws {
    try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: name), logger: quietLogger) { cluster in
        let client = try KubeClient(configuration: adminConfiguration(cluster), logger: quietLogger)
        do {
            try await body(cluster, client)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

/// Creates a namespace.
func createNamespace(_ name: String, on client: KubeClient) async throws {
    _ = try await client.create(TestResources.namespaces, KubeObject(apiVersion: "v1", kind: "Namespace", name: name))
}

/// Polls `condition` until it holds; gives up (returning false) after `attempts` tries.
func eventually(attempts: Int = 200, every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if try await condition() { return true }
        try await Task.sleep(for: interval)
    }
    return try await condition()
}
