import ArgumentParser
@testable import ferry
import FerryEngine
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Testing

@Suite("ferry export, transform and apply commands")
struct GitOpsCommandTests {
    /// Writes a kubeconfig with one context per cluster, named after the cluster.
    func writeKubeconfig(_ clusters: [KubeSimCluster], to path: String) throws {
        let entries = clusters.map {
            SandboxKubeconfig.Entry(name: $0.configuration.name, server: $0.url, caCertificatePEM: $0.caCertificatePEM, token: $0.adminToken)
        }
        try SandboxKubeconfig.write(entries, current: clusters[0].configuration.name, to: path)
    }

    @Test("the commands move a namespace between the clusters of a kubeconfig, and apply fails when an object fails", .timeLimit(.minutes(1)))
    func commandsRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-gitops-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let kubeconfig = "\(directory)/kubeconfig"
        try await withCluster("source") { source, sourceClient in
            try await withCluster("destination") { destination, destinationClient in
                try writeKubeconfig([source, destination], to: kubeconfig)
                try await sourceClient.seed([
                    Seed.namespace("shop"), Seed.configMap("settings", namespace: "shop", labels: ["tier": "web"]),
                    Seed.deployment("web", namespace: "shop", labels: ["tier": "web"]), Seed.secret("db", namespace: "shop"),
                ])

                let export = try ExportCommand.parse([
                    "--kubeconfig", kubeconfig, "--context", "source", "-n", "shop", "-o", "\(directory)/exported", "--selector", "tier=web",
                ])
                try await export.run()
                let exported = try ObjectTree(root: "\(directory)/exported").read().map(\.path)
                #expect(Set(exported) == ["_cluster/namespaces/shop.json", "shop/configmaps/settings.json", "shop/deployments.apps/web.json"])

                let transform = try TransformCommand.parse([
                    "\(directory)/exported", "-o", "\(directory)/out", "--namespace-mapping", "shop:shop-copy",
                    "--plan-uid", "plan-9", "--migration-uid", "mig-9",
                ])
                try await transform.run()

                let apply = try ApplyCommand.parse(["\(directory)/out", "--kubeconfig", kubeconfig, "--context", "destination"])
                try await apply.run()
                let deployment = try await destinationClient.get(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop-copy")
                #expect(deployment.labels[AddMigrationLabels.planLabel] == "plan-9")
                #expect(deployment.labels[AddMigrationLabels.migrationLabel] == "mig-9")

                try ObjectTree(root: "\(directory)/broken").write([ObjectTree.Entry(
                    path: "shop/gadgets.unknown.example.com/g.json",
                    object: KubeObject(apiVersion: "unknown.example.com/v1", kind: "Gadget", name: "g", namespace: "shop"))])
                let failing = try ApplyCommand.parse(["\(directory)/broken", "--kubeconfig", kubeconfig, "--context", "destination"])
                await #expect(throws: ExitCode.failure) { try await failing.run() }
            }
        }
    }

    @Test("bad arguments are rejected with a message naming the fix")
    func badArguments() throws {
        #expect(throws: (any Error).self) { try ExportCommand.parse(["-o", "/tmp/x"]) }
        #expect(throws: (any Error).self) { try TransformCommand.parse(["/tmp/in", "-o", "/tmp/out", "--namespace-mapping", "shop"]) }
        let transform = try TransformCommand.parse(["/tmp/in", "-o", "/tmp/out"])
        var mapped = transform
        mapped.namespaceMappings = ["shop"]
        let error = #expect(throws: ValidationError.self) { try mapped.namespaceMapping() }
        #expect(error?.message.contains("source:destination") == true)
        #expect(throws: (any Error).self) { try ApplyCommand.parse(["/tmp/in", "--policy", "replace"]) }
        #expect(try ApplyCommand.parse(["/tmp/in", "--policy", "update"]).policy == .update)
    }
}
