import KubeClient
import KubeCore
import KubeSim
import Logging

/// Resources the integration tests use.
enum Resources {
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    static let deployments = GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
}

let quietLogger = Logger(label: "kubeclient-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// The configuration an admin uses to reach `cluster`.
func adminConfiguration(_ cluster: KubeSimCluster, token: String? = nil) -> ClientConfiguration {
    ClientConfiguration(
        server: cluster.url,
        tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: "certificate-authority-data of cluster \"sim\""),
        credentials: .bearerToken(token ?? cluster.adminToken), queriesPerSecond: 0)
}

/// Runs `body` against a fresh simulated cluster with an admin client and a new namespace.
func withSimulator(namespace: String = "client-test", _ body: (KubeSimCluster, KubeClient, String) async throws -> Void) async throws {
    try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "client-tests"), logger: quietLogger) { cluster in
        let client = try KubeClient(configuration: adminConfiguration(cluster), logger: quietLogger)
        do {
            _ = try await client.create(Resources.namespaces, KubeObject(apiVersion: "v1", kind: "Namespace", name: namespace))
            try await body(cluster, client, namespace)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

func configMap(_ name: String, namespace: String, labels: [String: String] = [:], data: JSONObject = [:]) -> KubeObject {
    var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace)
    object.labels = labels
    if !data.isEmpty { object["data"] = .object(data) }
    return object
}
