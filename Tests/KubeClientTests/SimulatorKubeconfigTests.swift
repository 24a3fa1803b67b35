import Foundation
import KubeClient
import KubeCore
import KubeSim
import Testing

@Suite("kubeconfig users against the simulator")
struct SimulatorKubeconfigTests {
    private func kubeconfig(_ cluster: KubeSimCluster, clusterFields: String, user: String) -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: sim
        clusters:
        - name: sim
          cluster:
            server: \(cluster.url)
        \(clusterFields)
        contexts:
        - name: sim
          context: {cluster: sim, user: u, namespace: kube-system}
        users:
        - name: u
          user:
        \(user)
        """
    }

    @Test("an exec plugin's token authenticates, with the CA from certificate-authority-data")
    func execPlugin() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "client-tests"), logger: quietLogger) { cluster in
            try directory.write("bin/token.sh", """
                #!/bin/sh
                echo run >> "\(directory.path)/runs"
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\(cluster.adminToken)"}}'
                """, executable: true)
            let file = try directory.write("config", kubeconfig(
                cluster,
                clusterFields: "    certificate-authority-data: \(TestCertificates.base64(cluster.caCertificatePEM))",
                user: """
                      exec:
                        apiVersion: client.authentication.k8s.io/v1
                        command: ./bin/token.sh
                        interactiveMode: Never
                  """))
            let configuration = try ClientConfiguration(kubeconfig: Kubeconfig.loadFile(file))
            #expect(configuration.namespace == "kube-system")
            let client = try KubeClient(configuration: configuration, logger: quietLogger)
            let first = try? await client.list(Resources.namespaces)
            let second = try? await client.list(Resources.namespaces)
            try await client.shutdown()
            #expect(first?.items.contains { $0.name == "kube-system" } == true)
            #expect(second != nil)
            let runs = try String(contentsOfFile: "\(directory.path)/runs", encoding: .utf8).split(separator: "\n").count
            #expect(runs == 1)
        }
    }

    @Test("insecure-skip-tls-verify reaches the server without its CA, and a token file authenticates")
    func insecureWithTokenFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "client-tests"), logger: quietLogger) { cluster in
            try directory.write("token", cluster.adminToken + "\n")
            let file = try directory.write("config", kubeconfig(
                cluster, clusterFields: "    insecure-skip-tls-verify: true",
                user: "      tokenFile: token"))
            let client = try KubeClient(configuration: ClientConfiguration(kubeconfig: Kubeconfig.loadFile(file)), logger: quietLogger)
            let namespaces = try? await client.list(Resources.namespaces)
            try await client.shutdown()
            #expect(namespaces?.items.isEmpty == false)
        }
    }
}
