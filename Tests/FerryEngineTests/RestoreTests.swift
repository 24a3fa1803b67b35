import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Restoring objects on the destination cluster")
struct RestoreTests {
    /// `object` with the migration labels the pipeline adds.
    func migrated(_ object: KubeObject, migration: String = "mig-1") -> KubeObject {
        var object = object
        object.labels[AddMigrationLabels.planLabel] = "plan-1"
        object.labels[AddMigrationLabels.migrationLabel] = migration
        return object
    }

    func application() -> [KubeObject] {
        [
            Seed.widget("gizmo", namespace: "shop", size: 5),
            Seed.deployment("web", namespace: "shop"),
            Seed.configMap("settings", namespace: "shop"),
            Seed.serviceAccount("app", namespace: "shop"),
            Seed.namespace("shop"),
            Seed.widgetDefinition(),
            Seed.configMap("loose", namespace: "side"),
        ].map { migrated($0) }
    }

    @Test("a definition is served before its custom resources; missing namespaces are created", .timeLimit(.minutes(1)))
    func restoresInOrder() async throws {
        try await withCluster("destination") { _, client in
            let report = try await ObjectRestorer(client: client, logger: silentLogger).restore(application())
            #expect(report.failed.isEmpty, "\(report.failed)")
            #expect(Set(report.created.map(\.description)) == [
                "CustomResourceDefinition.apiextensions.k8s.io widgets.example.com", "Namespace shop", "Namespace side",
                "Widget.example.com shop/gizmo", "Deployment.apps shop/web", "ConfigMap shop/settings",
                "ServiceAccount shop/app", "ConfigMap side/loose",
            ])
            let widget = try await client.get(apiVersion: "example.com/v1", kind: "Widget", name: "gizmo", namespace: "shop")
            #expect(widget[path: "spec", "size"] == 5)
            #expect(widget.labels[AddMigrationLabels.migrationLabel] == "mig-1")
            let namespace = try await client.get(apiVersion: "v1", kind: "Namespace", name: "shop")
            #expect(namespace.labels[AddMigrationLabels.planLabel] == "plan-1", "the Namespace object itself was restored, not a bare one")
            #expect(report.summary == "8 created, 0 already restored, 0 existing, 0 updated, 0 failed")
        }
    }

    @Test("running the same restore again creates nothing and counts everything as restored", .timeLimit(.minutes(1)))
    func idempotentRerun() async throws {
        try await withCluster("destination") { _, client in
            let restorer = ObjectRestorer(client: client, logger: silentLogger)
            let objects = application()
            // An interrupted first run: the definition, the namespace and two objects made it.
            let firstRun = objects.filter { ["widgets.example.com", "shop", "web", "settings"].contains($0.name) }
            let first = try await restorer.restore(firstRun)
            #expect(first.failed.isEmpty && first.created.count == firstRun.count)
            let second = try await restorer.restore(objects)
            #expect(second.failed.isEmpty && second.existing.isEmpty)
            #expect(Set(second.alreadyRestored.map(\.name)) == Set(firstRun.map(\.name)))
            #expect(second.restoredCount == objects.count + 1, "every object, plus namespace side created for ConfigMap loose")
            let third = try await restorer.restore(objects)
            #expect(third.created.isEmpty && third.alreadyRestored.count == objects.count)
        }
    }

    @Test("an object that exists without this migration's label is left as is and reported", .timeLimit(.minutes(1)))
    func existingObjectIsKept() async throws {
        try await withCluster("destination") { _, client in
            try await client.seed([Seed.namespace("shop"), Seed.configMap("settings", namespace: "shop", data: ["key": "theirs"])])
            var older = migrated(Seed.configMap("cache", namespace: "shop", data: ["key": "old"]), migration: "mig-0")
            older.labels["keep"] = "yes"
            try await client.seed([older])
            let report = try await ObjectRestorer(client: client, logger: silentLogger).restore([
                migrated(Seed.configMap("settings", namespace: "shop", data: ["key": "ours"])),
                migrated(Seed.configMap("cache", namespace: "shop", data: ["key": "new"])),
            ])
            #expect(Set(report.existing.map(\.name)) == ["settings", "cache"], "an earlier migration's object is not ours either")
            #expect(report.created.isEmpty && report.updated.isEmpty && report.failed.isEmpty)
            let settings = try await client.get(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "shop")
            #expect(settings["data"]?["key"] == "theirs")
        }
    }

    @Test("the update policy replaces an existing object's content", .timeLimit(.minutes(1)))
    func updatePolicy() async throws {
        try await withCluster("destination") { _, client in
            try await client.seed([Seed.namespace("shop"), Seed.configMap("settings", namespace: "shop", data: ["key": "theirs"])])
            let report = try await ObjectRestorer(client: client, logger: silentLogger).restore(
                [migrated(Seed.configMap("settings", namespace: "shop", data: ["key": "ours"]))], policy: .update)
            #expect(report.updated.map(\.name) == ["settings"])
            #expect(report.existing.isEmpty && report.failed.isEmpty)
            let settings = try await client.get(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "shop")
            #expect(settings["data"]?["key"] == "ours")
            #expect(settings.labels[AddMigrationLabels.migrationLabel] == "mig-1")
        }
    }

    @Test("objects that cannot be created are reported one by one while the rest is restored", .timeLimit(.minutes(1)))
    func failuresAreCollected() async throws {
        try await withCluster("destination") { _, client in
            var invalid = migrated(Seed.configMap("Not_Valid", namespace: "shop"))
            invalid.name = "Not_Valid"
            let unknown = migrated(KubeObject(apiVersion: "unknown.example.com/v1", kind: "Gadget", name: "g", namespace: "shop"))
            let report = try await ObjectRestorer(client: client, logger: silentLogger).restore([
                invalid, unknown, migrated(Seed.configMap("settings", namespace: "shop")),
            ])
            #expect(Set(report.failed.map(\.reference.name)) == ["Not_Valid", "g"])
            #expect(report.failed.allSatisfy { !$0.message.isEmpty })
            #expect(report.created.map(\.name).contains("settings"))
            #expect(!report.succeeded)
        }
    }
    @Test("a namespace still terminating after a rollback is waited for and created again", .timeLimit(.minutes(1)))
    func recreatesAfterRollback() async throws {
        try await withCluster("destination") { _, client in
            var held = migrated(Seed.configMap("held", namespace: "shop"), migration: "mig-0")
            held.finalizers = ["example.com/hold"]
            try await client.seed([migrated(Seed.namespace("shop"), migration: "mig-0"), held])
            try await client.delete(apiVersion: "v1", kind: "Namespace", name: "shop")
            try await client.eventually("the namespace is terminating") {
                try await client.get(apiVersion: "v1", kind: "Namespace", name: "shop").deletionTimestamp != nil
            }
            let restorer = ObjectRestorer(client: client, logger: silentLogger, waitTimeout: .seconds(30))
            let objects = [migrated(Seed.namespace("shop")), migrated(Seed.configMap("settings", namespace: "shop"))]
            async let restored = restorer.restore(objects)
            try await Task.sleep(for: .milliseconds(300))
            _ = try await client.patch(
                apiVersion: "v1", kind: "ConfigMap", name: "held", namespace: "shop", patch: .merge(["metadata": ["finalizers": nil]]))
            let report = try await restored
            #expect(report.failed.isEmpty, "\(report.failed)")
            #expect(Set(report.created.map(\.description)) == ["Namespace shop", "ConfigMap shop/settings"])
            let namespace = try await client.get(apiVersion: "v1", kind: "Namespace", name: "shop")
            #expect(namespace.deletionTimestamp == nil && namespace.labels[AddMigrationLabels.migrationLabel] == "mig-1")
        }
    }

    @Test("an object listed twice is restored once", .timeLimit(.minutes(1)))
    func duplicatesRestoredOnce() async throws {
        try await withCluster("destination") { _, client in
            let namespace = migrated(Seed.namespace("shop"))
            let report = try await ObjectRestorer(client: client, logger: silentLogger).restore([namespace, namespace, migrated(Seed.configMap("settings", namespace: "shop"))])
            #expect(report.created.count == 2 && report.alreadyRestored.isEmpty && report.failed.isEmpty)
        }
    }
}
