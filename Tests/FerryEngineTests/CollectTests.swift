import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Collecting a namespace from the source cluster")
struct CollectTests {
    /// Seeds namespace `shop` with an application using every kind the collector must find,
    /// and a namespace `other` that must not be collected; waits until the claim is bound.
    func withSeededSource(_ body: (KubeClient, _ volumeName: String) async throws -> Void) async throws {
        try await withCluster { _, client in
            try await client.seed([
                Seed.widgetDefinition(),
                Seed.namespace("shop"), Seed.namespace("other"),
                Seed.configMap("settings", namespace: "shop", labels: ["tier": "web"]),
                Seed.secret("db-credentials", namespace: "shop"),
                Seed.serviceAccount("app", namespace: "shop"),
                Seed.role("reader", namespace: "shop"),
                Seed.roleBinding("reader-binding", namespace: "shop", role: "reader", serviceAccount: "app"),
                Seed.deployment("web", namespace: "shop", labels: ["tier": "web"]),
                Seed.service("web", namespace: "shop"),
                Seed.volume("shop-data"),
                Seed.claim("data", namespace: "shop", volumeName: "shop-data"),
                Seed.event("settings-seeded", namespace: "shop"),
                Seed.widget("gizmo", namespace: "shop"),
                Seed.securityContextConstraints("shop-scc", users: ["system:serviceaccount:shop:app"]),
                Seed.securityContextConstraints("unrelated-scc", users: ["system:serviceaccount:other:app"]),
                Seed.configMap("elsewhere", namespace: "other"),
            ])
            var volumeName = ""
            try await client.eventually("the claim is bound") {
                let claim = try await client.get(apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: "shop")
                volumeName = claim[path: "spec", "volumeName"]?.stringValue ?? ""
                return claim[path: "status", "phase"]?.stringValue == "Bound" && !volumeName.isEmpty
            }
            try await body(client, volumeName)
        }
    }

    @Test("every listable namespaced kind is collected with its type set, events are not, other namespaces are not", .timeLimit(.minutes(1)))
    func collectsEverything() async throws {
        try await withSeededSource { client, _ in
            let collected = try await ResourceCollector(client: client, logger: silentLogger).collect(CollectionScope(namespaces: ["shop"]))
            let expected: Set<String> = [
                "ConfigMap settings", "Secret db-credentials", "ServiceAccount app", "Role reader", "RoleBinding reader-binding",
                "Deployment web", "Service web", "PersistentVolumeClaim data", "Widget gizmo",
            ]
            #expect(expected.isSubset(of: collected.namespaced.kindsAndNames))
            #expect(collected.namespaced.contains { $0.kind == "ReplicaSet" }, "objects made by controllers are collected too (the transforms decide)")
            #expect(!collected.namespaced.contains { $0.kind == "Event" })
            #expect(collected.namespaced.allSatisfy { $0.namespace == "shop" })
            #expect(collected.namespaced.allSatisfy { !$0.apiVersion.isEmpty && !$0.kind.isEmpty })
            let widget = try #require(collected.namespaced.first { $0.kind == "Widget" })
            #expect(widget.apiVersion == "example.com/v1" && widget[path: "spec", "size"] == 3)
            let uids = collected.namespaced.compactMap(\.uid)
            #expect(Set(uids).count == uids.count, "no object is collected twice")
        }
    }

    @Test("the namespace, the bound volume, constraints naming its service accounts and definitions of its custom resources come along", .timeLimit(.minutes(1)))
    func collectsClusterScopedDependencies() async throws {
        try await withSeededSource { client, volumeName in
            let collected = try await ResourceCollector(client: client, logger: silentLogger).collect(CollectionScope(namespaces: ["shop"]))
            #expect(collected.clusterScoped.kindsAndNames == [
                "Namespace shop", "PersistentVolume \(volumeName)", "SecurityContextConstraints shop-scc",
                "CustomResourceDefinition widgets.example.com",
            ])
            #expect(collected.clusterScoped.allSatisfy { !$0.apiVersion.isEmpty && !$0.kind.isEmpty })
        }
    }

    @Test("a label selector picks namespaced objects; dependencies follow only what was picked", .timeLimit(.minutes(1)))
    func labelSelector() async throws {
        try await withSeededSource { client, _ in
            let scope = CollectionScope(namespaces: ["shop"], labelSelector: try LabelSelector(parsing: "tier=web"))
            let collected = try await ResourceCollector(client: client, logger: silentLogger).collect(scope)
            #expect(collected.namespaced.kindsAndNames == ["ConfigMap settings", "Deployment web"])
            #expect(collected.clusterScoped.kindsAndNames == ["Namespace shop"], "no selected claim, service account or custom resource")
        }
    }

    @Test("included resources limit the kinds collected", .timeLimit(.minutes(1)))
    func includedResources() async throws {
        try await withSeededSource { client, _ in
            let scope = CollectionScope(namespaces: ["shop"], includedResources: [GroupKind(group: "", kind: "configmap"), GroupKind(parsing: "Widget.example.com")])
            let collected = try await ResourceCollector(client: client, logger: silentLogger).collect(scope)
            #expect(Set(collected.namespaced.map(\.kind)) == ["ConfigMap", "Widget"])
            #expect(collected.namespaced.kindsAndNames.contains("ConfigMap settings"))
            #expect(collected.clusterScoped.kindsAndNames == ["Namespace shop", "CustomResourceDefinition widgets.example.com"])
        }
    }

    @Test("excluded resources are not collected", .timeLimit(.minutes(1)))
    func excludedResources() async throws {
        try await withSeededSource { client, _ in
            let scope = CollectionScope(namespaces: ["shop"], excludedResources: TransformPipeline.defaultExcludedResources.union(["secrets", "widgets.example.com"]))
            let collected = try await ResourceCollector(client: client, logger: silentLogger).collect(scope)
            #expect(!collected.namespaced.contains { $0.kind == "Secret" || $0.kind == "Widget" })
            #expect(collected.namespaced.kindsAndNames.contains("ConfigMap settings"))
        }
    }

    @Test("a namespace that does not exist fails the collection with an error naming it", .timeLimit(.minutes(1)))
    func missingNamespace() async throws {
        try await withCluster { _, client in
            try await client.seed([Seed.namespace("shop")])
            let error = await #expect(throws: CollectionError.self) {
                try await ResourceCollector(client: client, logger: silentLogger).collect(CollectionScope(namespaces: ["shop", "missing"]))
            }
            #expect(error?.code == .namespaceNotFound)
            #expect(error?.message.contains("\"missing\"") == true)
            #expect(error?.message.contains("\"shop\"") == false)
        }
    }
}
