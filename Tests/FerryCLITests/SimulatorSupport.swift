import FerryAPI
import FerryCLI
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging

let quietLogger = Logger(label: "ferry-cli-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// The configuration an admin uses to reach `cluster`.
func adminConfiguration(_ cluster: KubeSimCluster) -> ClientConfiguration {
    ClientConfiguration(
        server: cluster.url,
        tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: "sim"),
        credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0)
}

/// A kubeconfig text with one token context per cluster, named after the cluster.
func kubeconfigText(_ clusters: [(name: String, cluster: KubeSimCluster)], current: String) -> String {
    var text = "apiVersion: v1\nkind: Config\ncurrent-context: \(current)\nclusters:\n"
    for (name, cluster) in clusters {
        let ca = Data(cluster.caCertificatePEM.utf8).base64EncodedString()
        text += "- name: \(name)\n  cluster:\n    server: \(cluster.url)\n    certificate-authority-data: \(ca)\n"
    }
    text += "users:\n"
    for (name, cluster) in clusters {
        text += "- name: \(name)-admin\n  user:\n    token: \(cluster.adminToken)\n"
    }
    text += "contexts:\n"
    for (name, _) in clusters {
        text += "- name: \(name)\n  context:\n    cluster: \(name)\n    user: \(name)-admin\n"
    }
    return text
}

/// Runs `body` with a host cluster client and the Migration API installed.
func withHostCluster(_ body: (KubeSimCluster, KubeClient) async throws -> Void) async throws {
    try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "host"), logger: quietLogger) { cluster in
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

/// Creates the Migration API's CRDs and waits until discovery serves them.
func installMigrationAPI(_ client: KubeClient) async throws {
    let definitions = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")
    for definition in MigrationCustomResourceDefinitions.all {
        _ = try await client.create(definitions, definition)
    }
    _ = try await client.resourceMapper(refresh: true)
}
