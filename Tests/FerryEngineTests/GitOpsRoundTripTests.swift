import FerryEngine
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("GitOps export, transform and apply")
struct GitOpsRoundTripTests {
    /// A fresh directory below the system's temporary directory, removed after `body`.
    func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-gitops-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    func seedSource(_ client: KubeClient) async throws {
        try await client.seed([
            Seed.namespace("shop"),
            Seed.configMap("settings", namespace: "shop"),
            Seed.secret("db-credentials", namespace: "shop"),
            Seed.serviceAccount("app", namespace: "shop"),
            Seed.role("reader", namespace: "shop"),
            Seed.roleBinding("reader-binding", namespace: "shop", role: "reader", serviceAccount: "app"),
            Seed.deployment("web", namespace: "shop"),
            Seed.service("web", namespace: "shop"),
            Seed.event("settings-seeded", namespace: "shop"),
        ])
        try await client.eventually("the deployment's pod exists") {
            try await !client.listAll(apiVersion: "v1", kind: "Pod", namespace: "shop").items.isEmpty
        }
    }

    @Test("export writes one file per object in the namespace/resource/name layout", .timeLimit(.minutes(1)))
    func exportLayout() async throws {
        try await withTemporaryDirectory { directory in
            try await withCluster { _, client in
                try await seedSource(client)
                let paths = try await TreeExport(client: client, logger: silentLogger).run(CollectionScope(namespaces: ["shop"]), into: ObjectTree(root: directory))
                for expected in ["shop/configmaps/settings.json", "shop/deployments.apps/web.json", "shop/rolebindings.rbac.authorization.k8s.io/reader-binding.json", "_cluster/namespaces/shop.json"] {
                    #expect(paths.contains(expected), "\(expected)")
                    #expect(FileManager.default.fileExists(atPath: "\(directory)/\(expected)"))
                }
                #expect(!paths.contains { $0.contains("/events") })
                let secretAttributes = try FileManager.default.attributesOfItem(atPath: "\(directory)/shop/secrets/db-credentials.json")
                #expect((secretAttributes[.posixPermissions] as? Int) == 0o600, "secret values are only base64-encoded")
                let entries = try ObjectTree(root: directory).read()
                #expect(entries.count == paths.count)
                let deployment = try #require(entries.first { $0.path == "shop/deployments.apps/web.json" })
                #expect(deployment.object.kind == "Deployment" && deployment.object.uid != nil, "exported as read, server fields included")
            }
        }
    }

    @Test("export from one cluster, transform with a namespace mapping, apply to another", .timeLimit(.minutes(1)))
    func roundTrip() async throws {
        try await withTemporaryDirectory { directory in
            let exported = "\(directory)/exported"
            let transformed = "\(directory)/transformed"
            try await withCluster("source") { _, source in
                try await seedSource(source)
                _ = try await TreeExport(client: source, logger: silentLogger).run(CollectionScope(namespaces: ["shop"]), into: ObjectTree(root: exported))
            }
            let context = MigrationTransformContext(planUID: "plan-7", migrationUID: "mig-7", namespaceMapping: ["shop": "shop-copy"])
            let summary = try TreeTransform().run(source: ObjectTree(root: exported), output: ObjectTree(root: transformed), context: context)
            #expect(summary.resources.contains("shop-copy/deployments.apps/web.json"))
            #expect(summary.resources.contains("_cluster/namespaces/shop-copy.json"))
            let dropped = try String(contentsOfFile: "\(transformed)/dropped.txt", encoding: .utf8)
            #expect(dropped.contains("shop/pods/") && dropped.contains("shop/replicasets.apps/"), "pods and replica sets are left to their controllers")
            let patchText = try String(contentsOfFile: "\(transformed)/patches/shop-copy/deployments.apps/web.json", encoding: .utf8)
            let patch = try JSONValue(parsing: Array(patchText.utf8))
            #expect(patch.arrayValue?.contains { $0["path"]?.stringValue == "/metadata/namespace" && $0["value"]?.stringValue == "shop-copy" } == true)

            try await withCluster("destination") { _, destination in
                let objects = try ObjectTree(root: "\(transformed)/resources").read().map(\.object)
                let report = try await ObjectRestorer(client: destination, logger: silentLogger).restore(objects)
                #expect(report.failed.isEmpty, "\(report.failed)")
                // Every namespace gets its own default service account and root CA config map;
                // the restore may create them first, else it finds them.
                #expect(Set(report.existing.map(\.description)).isSubset(of: ["ServiceAccount shop-copy/default", "ConfigMap shop-copy/kube-root-ca.crt"]))
                #expect(report.created.count + report.existing.count == objects.count)
                let deployment = try await destination.get(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop-copy")
                #expect(deployment.labels[AddMigrationLabels.planLabel] == "plan-7")
                #expect(deployment.labels[AddMigrationLabels.migrationLabel] == "mig-7")
                let binding = try await destination.get(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", name: "reader-binding", namespace: "shop-copy")
                #expect(binding["subjects"]?.arrayValue?.first?["namespace"]?.stringValue == "shop-copy")
                let namespace = try await destination.get(apiVersion: "v1", kind: "Namespace", name: "shop-copy")
                #expect(namespace.labels[AddMigrationLabels.planLabel] == "plan-7")
                await #expect(throws: KubeAPIError.self) {
                    try await destination.get(apiVersion: "v1", kind: "Namespace", name: "shop")
                }
                try await destination.eventually("the deployment runs its pod on the destination") {
                    try await !destination.listAll(apiVersion: "v1", kind: "Pod", namespace: "shop-copy").items.isEmpty
                }
            }
        }
    }

    @Test("a file that is not an object is named in the error")
    func invalidFile() async throws {
        try await withTemporaryDirectory { directory in
            let tree = ObjectTree(root: directory)
            try tree.write(Array("{\"kind\": ".utf8), to: "shop/configmaps/broken.json")
            let error = #expect(throws: ObjectTreeError.self) { try tree.read() }
            #expect(error?.code == .invalidFile)
            #expect(error?.message.contains("broken.json") == true)
            let missing = #expect(throws: ObjectTreeError.self) { try ObjectTree(root: "\(directory)/nowhere").read() }
            #expect(missing?.code == .noObjects)
        }
    }
}
