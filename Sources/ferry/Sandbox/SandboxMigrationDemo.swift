import FerryAPI
import FerryCLI
import FerryController
import FerryDirectVolume
import FerryEngine
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging
import ServiceLifecycle

/// The demo's story: deploy the sample application into `source`, then migrate it to
/// `destination` the way a user would — a plan, a stage, a cutover — with the Ferry
/// controller running in this process, check the result and print what happened when.
struct SandboxMigrationDemo: Service {
    let source: KubeSimCluster
    let destination: KubeSimCluster
    let kubeconfig: String
    let stopWhenDone: Bool
    let logger: Logger

    static let planName = "shop-plan"

    func run() async throws {
        try await source.waitUntilServing()
        try await destination.waitUntilServing()
        let sourceClient = try KubeClient(configuration: Self.configuration(for: source), logger: logger)
        let hostClient = try KubeClient(configuration: Self.configuration(for: destination), logger: logger)
        do {
            let started = ContinuousClock.now
            try await seed(source: sourceClient)
            try await installMigrationAPI(on: hostClient)
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Sandbox volumes are directories on this machine: the local data plane copies them.
                let controller = FerryControllerService(
                    configuration: Self.configuration(for: destination), directVolume: DirectVolumeSettings(), logger: logger)
                group.addTask { try await controller.run() }
                try await migrate(source: sourceClient, host: hostClient, started: started)
                group.cancelAll()
            }
        } catch {
            try? await sourceClient.shutdown()
            try? await hostClient.shutdown()
            throw error
        }
        try await sourceClient.shutdown()
        try await hostClient.shutdown()
        if !stopWhenDone { try? await gracefulShutdown() }
    }

    static func configuration(for cluster: KubeSimCluster) -> ClientConfiguration {
        ClientConfiguration(
            server: cluster.url, tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8)),
            credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 200, burst: 400,
            origin: "sandbox cluster \(cluster.configuration.name)")
    }

    private func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    private func seed(source: KubeClient) async throws {
        let started = ContinuousClock.now
        let objects = try SampleApplication.objects()
        try await SampleApplication.apply(objects, with: source, fieldManager: "ferry-sandbox-demo")
        try await SampleApplicationReadiness.wait(source, namespace: SampleApplication.namespace, timeout: .seconds(60))
        let seeded = started.duration(to: .now)
        say("""

            1. Deployed the sample application "\(SampleApplication.namespace)" (\(objects.count) objects) to the source cluster; ready after \(Self.format(seeded)).

            \(try await SampleApplicationSummary.render(source, namespace: SampleApplication.namespace))
            """)
    }

    /// The controller runs in this process, so the host needs only the API: the CRDs and the
    /// controller's namespace (not the Deployment `ferry install` adds).
    private func installMigrationAPI(on host: KubeClient) async throws {
        let definitions = MigrationCustomResourceDefinitions.all
        var namespace = KubeObject(apiVersion: "v1", kind: "Namespace", name: MigrationAPI.defaultNamespace)
        namespace.labels = ["app.kubernetes.io/part-of": "ferry"]
        for object in definitions + [namespace] {
            _ = try await host.apply(object, fieldManager: "ferry-sandbox-demo", force: true)
        }
        try await Installer(client: host).waitUntilEstablished(definitions.map(\.name))
        _ = try await host.resourceMapper(refresh: true)
    }

    private func migrate(source: KubeClient, host: KubeClient, started: ContinuousClock.Instant) async throws {
        let objects = try SampleApplication.objects()
        let cluster = HostCluster(client: host, namespace: MigrationAPI.defaultNamespace)
        let contexts = try KubeconfigContexts.load(path: kubeconfig)
        let data = SandboxVolumeData(namespace: SampleApplication.namespace)
        let sourceDirectories = try await data.directories(on: source)
        try data.write(into: sourceDirectories)
        say("   Wrote files into the source's \(sourceDirectories.count) volume(s) (\(sourceDirectories.map(\.claim).joined(separator: ", "))): data, a nested directory, a symlink, a hard link, an empty file.")
        let planStarted = ContinuousClock.now
        _ = try await PlanCreator(host: cluster, contexts: contexts, hostContext: "destination").create(PlanRequest(
            name: Self.planName, sourceContext: "source", destinationContext: "destination", namespaces: [SampleApplication.namespace]))
        let plan = try await PlanReadiness(host: cluster).wait(for: Self.planName, timeout: .seconds(60))
        say("2. Created MigPlan \(Self.planName) (source → destination, namespace \(SampleApplication.namespace)); the controller validated it in \(Self.format(planStarted.duration(to: .now))), \(plan.spec.persistentVolumes?.count ?? 0) persistent volume(s) found.")

        let stage = try await runMigration(.stage, cluster: cluster)
        say("3. Stage \(stage.migration.name): \(stage.migration.status.conditions?.isTrue("Succeeded") == true ? "succeeded" : "FAILED") in \(Self.format(stage.elapsed)); the application kept running on the source.")
        try data.change(sourceDirectories)
        say("   Changed the volumes after the stage: an edit, a new file, a deletion.")
        let cutover = try await runMigration(.cutover, cluster: cluster)
        guard cutover.migration.status.conditions?.isTrue("Succeeded") == true else {
            throw SandboxError(code: "demo-migration-failed", message: "the cutover failed: \((cutover.migration.status.errors ?? []).joined(separator: "; "))")
        }
        say("4. Cutover \(cutover.migration.name): succeeded in \(Self.format(cutover.elapsed)).")
        for step in cutover.migration.status.pipeline ?? [] {
            say("     \(step.skipped == true ? "-" : "✓") \(step.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(step.message ?? "")")
            if step.name == "DirectVolume" {
                for line in step.progress ?? [] { say("         \(line)") }
            }
        }

        try await SampleApplicationReadiness.wait(host, namespace: SampleApplication.namespace, timeout: .seconds(60))
        let missing = try await missingOnDestination(objects, host: host)
        guard missing.isEmpty else {
            throw SandboxError(code: "demo-check-failed", message: "after the cutover the destination lacks: \(missing.joined(separator: ", "))")
        }
        let verification = try data.verify(source: sourceDirectories, destination: try await data.directories(on: host))
        say(String(format: "   data: %d files, %.1f MiB verified on the destination (sha256 of every file, link targets, deletions).", verification.files, Double(verification.bytes) / 1_048_576))
        let quiesced = try await source.listAll(apiVersion: "apps/v1", kind: "Deployment", namespace: SampleApplication.namespace).items
            .allSatisfy { $0[path: "spec", "replicas"]?.intValue == 0 }
        say("""
            5. Checked: every object of the application is on the destination and its workloads are ready; \
            the source's workloads are \(quiesced ? "scaled to zero (annotations keep their replica counts)" : "still running").

            \(try await SampleApplicationSummary.render(host, namespace: SampleApplication.namespace))
            Whole demo: \(Self.format(started.duration(to: .now))). Explore or undo it:
              export KUBECONFIG=\(kubeconfig)
              ferry status \(Self.planName) --context destination
              kubectl --context destination -n \(SampleApplication.namespace) get all,pvc,ingress,route,hpa,shops
              ferry migrate rollback \(Self.planName) --context destination --wait

            """)
    }

    private func runMigration(_ action: MigrationRequest.Action, cluster: HostCluster) async throws -> (migration: MigMigration, elapsed: Duration) {
        let started = ContinuousClock.now
        let migration = try await MigrationLauncher(host: cluster).start(MigrationRequest(plan: Self.planName, action: action))
        let finished = try await MigrationFollower(host: cluster).follow(migration.name) { _ in }
        return (finished, started.duration(to: .now))
    }

    /// Source objects of the application that have no counterpart on the destination.
    private func missingOnDestination(_ objects: [KubeObject], host: KubeClient) async throws -> [String] {
        // The migration created the application's CRDs on the destination after this client
        // last read discovery.
        _ = try await host.resourceMapper(refresh: true)
        var missing: [String] = []
        for object in objects {
            do {
                _ = try await host.get(apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace)
            } catch let error as KubeAPIError where error.isNotFound {
                missing.append("\(object.kind) \(object.qualifiedName)")
            }
        }
        return missing
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.1f s", seconds)
    }
}
