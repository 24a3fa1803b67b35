import FerryAPI
import FerryCLI
import KubeClient
import KubeCore
import KubeSim
import Testing

@Suite("Local migrations")
struct LocalMigrationTests {
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")

    @Test("a cutover planned from two contexts runs in process, without a controller, to Succeeded", .timeLimit(.minutes(2)))
    func cutoverRunsLocally() async throws {
        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "source"), logger: quietLogger) { source in
            let sourceClient = try KubeClient(configuration: adminConfiguration(source), logger: quietLogger)
            do {
                _ = try await sourceClient.create(Self.namespaces, KubeObject(apiVersion: "v1", kind: "Namespace", name: "shop"))
                var settings = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "shop")
                settings["data"] = ["color": "blue"]
                _ = try await sourceClient.create(Self.configMaps, settings, namespace: "shop")
            } catch {
                try await sourceClient.shutdown()
                throw error
            }
            try await sourceClient.shutdown()

            try await withHostCluster { destination, client in
                try await installMigrationAPI(client)
                let contexts = KubeconfigContexts(kubeconfig: try Kubeconfig(
                    parsing: kubeconfigText([("source", source), ("destination", destination)], current: "destination"), file: "test"))
                let host = HostCluster(client: client, namespace: MigrationAPI.defaultNamespace)
                let plan = try await PlanCreator(host: host, contexts: contexts, hostContext: "destination")
                    .create(PlanRequest(name: "shop", sourceContext: "source", destinationContext: "destination", namespaces: ["shop"]))
                let migration = try await MigrationLauncher(host: host).start(MigrationRequest(plan: "shop", action: .cutover))

                let final = try await LocalMigrationRunner(host: host, logger: quietLogger).run(migration.name)
                #expect(MigrationOutcome(final) == .succeeded, "errors: \(final.status.errors ?? [])")
                let copied = try await client.get(Self.configMaps, name: "settings", namespace: "shop")
                #expect(copied[path: "data", "color"] == "blue")
                #expect(copied.labels[MigrationAPI.migratedByPlanLabel] == plan.plan.uid)
                let validated = try await host.plan("shop")
                #expect(validated.isReady)
            }
        }
    }

    @Test("a local run of a plan that cannot be valid stops with the plan's critical conditions", .timeLimit(.minutes(1)))
    func invalidPlanStops() async throws {
        try await withHostCluster { host, client in
            try await installMigrationAPI(client)
            let contexts = KubeconfigContexts(kubeconfig: try Kubeconfig(parsing: kubeconfigText([("host", host)], current: "host"), file: "test"))
            let cluster = HostCluster(client: client, namespace: MigrationAPI.defaultNamespace)
            _ = try await PlanCreator(host: cluster, contexts: contexts, hostContext: "host")
                .create(PlanRequest(name: "ghost", sourceContext: "host", destinationContext: "host", namespaces: ["missing:missing-copy"]))
            let migration = try await MigrationLauncher(host: cluster).start(MigrationRequest(plan: "ghost", action: .stage))
            let error = try await #require(throws: FerryCLIError.self) { _ = try await LocalMigrationRunner(host: cluster, logger: quietLogger).run(migration.name) }
            #expect(error.code == "plan-not-ready")
            #expect(error.message.contains("plan ghost is not ready"))
            #expect(error.message.contains(migration.name))
        }
    }
}
