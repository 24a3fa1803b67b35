import Foundation
import KubeCore
import KubeSim
import Subprocess
import Testing

/// Real kubectl against an in-process cluster: the proof that the simulator speaks the API
/// the way kube-apiserver does.
@Suite("kubectl smoke", .serialized)
struct KubectlSmokeTests {
    static let kubectlAvailable = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/kubectl") } ?? false

    struct Outcome {
        var succeeded: Bool
        var output: String
        var error: String
    }

    /// Runs kubectl with a kubeconfig for `cluster`.
    static func kubectl(_ cluster: KubeSimCluster, _ arguments: [String], directory: URL) async throws -> Outcome {
        let kubeconfig = directory.appendingPathComponent("kubeconfig")
        if !FileManager.default.fileExists(atPath: kubeconfig.path) {
            let ca = Data(cluster.caCertificatePEM.utf8).base64EncodedString()
            let text = """
                apiVersion: v1
                kind: Config
                current-context: test
                clusters:
                - name: test
                  cluster: {server: "\(cluster.url)", certificate-authority-data: \(ca)}
                users:
                - name: admin
                  user: {token: "\(cluster.adminToken)"}
                contexts:
                - name: test
                  context: {cluster: test, user: admin, namespace: default}
                """
            try Data(text.utf8).write(to: kubeconfig)
        }
        let result = try await Subprocess.run(
            .name("kubectl"), arguments: Arguments(arguments),
            environment: .inherit.updating(["KUBECONFIG": kubeconfig.path, "KUBECACHEDIR": directory.appendingPathComponent("cache").path]),
            output: .string(limit: 4 * 1024 * 1024), error: .string(limit: 1024 * 1024))
        return Outcome(succeeded: result.terminationStatus.isSuccess, output: result.standardOutput, error: result.standardError)
    }

    static let manifests = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: smoke
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: smoke
        data:
          mode: fast
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: smoke
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
        """

    @Test("version, api-resources, create, get in every format, apply twice and delete", .enabled(if: kubectlAvailable, "kubectl is not on PATH"))
    func kubectlWorkflow() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-smoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = directory.appendingPathComponent("app.yaml")
        try Data(Self.manifests.utf8).write(to: manifest)

        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "smoke")) { cluster in
            func run(_ arguments: String...) async throws -> Outcome {
                try await Self.kubectl(cluster, arguments, directory: directory)
            }
            let version = try await run("version", "-o", "json")
            #expect(version.succeeded, "\(version.error)")
            #expect(version.output.contains(KubeSimVersion.gitVersion))

            let resources = try await run("api-resources")
            #expect(resources.succeeded, "\(resources.error)")
            #expect(resources.output.contains("deployments"))
            #expect(resources.output.contains("configmaps"))

            let created = try await run("create", "-f", manifest.path)
            #expect(created.succeeded, "\(created.error)")
            #expect(created.output.contains("namespace/smoke created"))
            #expect(created.output.contains("deployment.apps/web created"))

            let json = try await run("-n", "smoke", "get", "configmap", "settings", "-o", "json")
            let object = try JSONValue(parsing: json.output)
            #expect(object["data"]?["mode"] == "fast")

            let yaml = try await run("-n", "smoke", "get", "deployment", "web", "-o", "yaml")
            #expect(yaml.output.contains("replicas: 2"))

            let wide = try await run("-n", "smoke", "get", "deployments", "-o", "wide")
            #expect(wide.output.contains("CONTAINERS"))
            #expect(wide.output.contains("nginx:1.25"))

            let names = try await run("-n", "smoke", "get", "configmaps", "-o", "name")
            #expect(names.output.contains("configmap/settings"))

            let firstApply = try await run("apply", "-f", manifest.path)
            #expect(firstApply.succeeded, "\(firstApply.error)")
            let secondApply = try await run("apply", "-f", manifest.path)
            #expect(secondApply.succeeded, "\(secondApply.error)")
            #expect(secondApply.output.contains("configmap/settings unchanged"))

            let deleted = try await run("-n", "smoke", "delete", "configmap", "settings")
            #expect(deleted.succeeded, "\(deleted.error)")
            let missing = try await run("-n", "smoke", "get", "configmap", "settings")
            #expect(!missing.succeeded)
            #expect(missing.error.contains("NotFound") || missing.error.contains("not found"))
        }
    }
}
