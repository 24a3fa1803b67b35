import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Deleting migrated objects")
struct CleanupTests {
    func labelled(_ object: KubeObject, plan: String) -> KubeObject {
        var object = object
        object.labels[AddMigrationLabels.planLabel] = plan
        object.labels[AddMigrationLabels.migrationLabel] = "mig-of-\(plan)"
        return object
    }

    @Test("only objects labelled with the plan are deleted, namespaces only when labelled", .timeLimit(.minutes(1)))
    func deletesOnlyLabelled() async throws {
        try await withCluster("destination") { _, client in
            try await client.seed([
                Seed.widgetDefinition(),
                Seed.namespace("existing"),
                labelled(Seed.namespace("created"), plan: "plan-a"),
                labelled(Seed.configMap("settings", namespace: "existing"), plan: "plan-a"),
                labelled(Seed.deployment("web", namespace: "existing"), plan: "plan-a"),
                labelled(Seed.widget("gizmo", namespace: "existing"), plan: "plan-a"),
                labelled(Seed.secret("db", namespace: "created"), plan: "plan-a"),
                labelled(Seed.volume("migrated-volume"), plan: "plan-a"),
                Seed.volume("their-volume"),
                Seed.configMap("theirs", namespace: "existing"),
                labelled(Seed.configMap("other-plan", namespace: "existing"), plan: "plan-b"),
            ])
            let cleaner = MigratedObjectCleaner(logger: silentLogger)
            let report = try await cleaner.deleteMigrated(planUID: "plan-a", namespaces: ["existing", "created"], client: client)
            #expect(report.failed.isEmpty, "\(report.failed)")
            #expect(Set(report.deleted.map(\.description)) == [
                "ConfigMap existing/settings", "Deployment.apps existing/web", "Widget.example.com existing/gizmo",
                "Secret created/db", "PersistentVolume migrated-volume", "Namespace created",
            ])
            try await cleaner.waitUntilGone(report, client: client, timeout: .seconds(30))

            let remaining = try await client.listAll(apiVersion: "v1", kind: "ConfigMap", namespace: "existing").items.map(\.name)
            #expect(remaining.contains("theirs") && remaining.contains("other-plan") && !remaining.contains("settings"))
            _ = try await client.get(apiVersion: "v1", kind: "Namespace", name: "existing")
            _ = try await client.get(apiVersion: "v1", kind: "PersistentVolume", name: "their-volume")
            _ = try await client.get(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name: "widgets.example.com")

            let again = try await cleaner.deleteMigrated(planUID: "plan-a", namespaces: ["existing", "created"], client: client)
            #expect(again.deleted.isEmpty && again.failed.isEmpty, "a second run finds nothing and fails on nothing")
        }
    }
}
