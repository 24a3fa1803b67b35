import FerryAPI
import FerryEngine
import KubeClient
import KubeCore
import KubeSim
import Logging
import Testing

import Foundation

/// Silent unless `FERRY_TEST_LOG` names a level (`debug`, `info`, …), which sends logs to stderr.
let quietLogger: Logger = {
    guard let level = ProcessInfo.processInfo.environment["FERRY_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) else {
        return Logger(label: "ferry-itinerary-tests", factory: { _ in SwiftLogNoOpLogHandler() })
    }
    var logger = Logger(label: "ferry-itinerary-tests", factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = level
    return logger
}()

/// Two running clusters (the destination is also the host) with the migration CRDs, and
/// helpers to seed applications and run migrations to their end.
struct MigrationWorld {
    let sourceCluster: KubeSimCluster
    let destinationCluster: KubeSimCluster
    let source: KubeClient
    let destination: KubeClient
    var host: KubeClient { destination }

    static func client(for cluster: KubeSimCluster) throws -> KubeClient {
        try KubeClient(
            configuration: ClientConfiguration(
                server: cluster.url,
                tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: cluster.configuration.name),
                credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0),
            logger: quietLogger)
    }

    /// Runs `body` with a fresh world.
    static func with(jobPodRunTime: Duration = .seconds(1), _ body: (MigrationWorld) async throws -> Void) async throws {
        // A state directory gives each cluster a hostPath provisioner, so claims bind.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-world-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await KubeSimCluster.withRunning(
            KubeSimCluster.Configuration(name: "source", stateDirectory: "\(directory)/source", jobPodRunTime: jobPodRunTime), logger: quietLogger
        ) { sourceCluster in
            try await KubeSimCluster.withRunning(
                KubeSimCluster.Configuration(name: "destination", stateDirectory: "\(directory)/destination"), logger: quietLogger
            ) { destinationCluster in
                let world = MigrationWorld(
                    sourceCluster: sourceCluster, destinationCluster: destinationCluster,
                    source: try client(for: sourceCluster), destination: try client(for: destinationCluster))
                do {
                    try await world.installDefinitions()
                    try await body(world)
                } catch {
                    try? await world.source.shutdown()
                    try? await world.destination.shutdown()
                    throw error
                }
                try await world.source.shutdown()
                try await world.destination.shutdown()
            }
        }
    }

    func installDefinitions() async throws {
        let definitions = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")
        for definition in MigrationCustomResourceDefinitions.all {
            _ = try await host.create(definitions, definition)
        }
        _ = try await host.create(Resource.namespaces, KubeObject(apiVersion: "v1", kind: "Namespace", name: MigrationAPI.defaultNamespace))
        _ = try await host.resourceMapper(refresh: true)
    }

    /// Creates `manifest`'s objects on `client` in order.
    func seed(_ manifest: String, on client: KubeClient) async throws {
        for object in try Manifests.decode(manifest, source: "seed") {
            _ = try await client.create(object)
        }
    }

    /// Creates a plan and marks it Ready, as the plan controller would.
    func makePlan(name: String = "plan", namespaces: [String], persistentVolumes: [MigPlan.PersistentVolume] = [], hooks: [MigPlan.Hook] = []) async throws -> MigPlan {
        var spec = MigPlan.Spec()
        spec.srcMigClusterRef = MigrationObjectReference(name: "source", namespace: MigrationAPI.defaultNamespace)
        spec.destMigClusterRef = MigrationObjectReference(name: "host", namespace: MigrationAPI.defaultNamespace)
        spec.namespaces = namespaces
        spec.persistentVolumes = persistentVolumes.isEmpty ? nil : persistentVolumes
        spec.hooks = hooks.isEmpty ? nil : hooks
        var plan = try MigPlan(object: try await host.create(MigPlan(name: name, spec: spec).encoded()))
        plan.status.conditions = [MigrationCondition(type: "Ready", category: MigrationCondition.Category.required, message: "The migration plan is ready.")]
        return try MigPlan(object: try await host.updateStatus(plan.encoded()))
    }

    /// Creates a migration of `plan`.
    func makeMigration(_ name: String, plan: MigPlan, stage: Bool = false, rollback: Bool = false, quiescePods: Bool = true) async throws -> MigMigration {
        var spec = MigMigration.Spec()
        spec.migPlanRef = plan.reference
        spec.stage = stage
        spec.rollback = rollback ? true : nil
        spec.quiescePods = quiescePods
        return try MigMigration(object: try await host.create(MigMigration(name: name, spec: spec).encoded()))
    }

    func runner(dataMover: any VolumeDataMover = ClaimsOnlyDataMover()) -> MigrationRunner {
        var settings = MigrationRunnerSettings()
        settings.inlineWait = .seconds(2)
        settings.requeueInterval = .milliseconds(50)
        return MigrationRunner(host: host, source: source, destination: destination, logger: quietLogger, settings: settings, dataMover: dataMover)
    }

    /// Reconciles `migration` until it finishes, as the controller would.
    func runToEnd(_ migration: MigMigration, plan: MigPlan, runner: MigrationRunner? = nil) async throws -> MigMigration {
        let runner = runner ?? self.runner()
        for _ in 0..<400 {
            let current = try await reload(migration)
            let currentPlan = try MigPlan(object: try await host.get(MigrationResourceType.migPlan.resource, name: plan.name, namespace: plan.namespace))
            switch try await runner.run(migration: current, plan: currentPlan) {
            case .finished: return try await reload(migration)
            case .requeue(let after): try await Task.sleep(for: after)
            }
        }
        Issue.record("migration \(migration.name) did not finish")
        return try await reload(migration)
    }

    func reload(_ migration: MigMigration) async throws -> MigMigration {
        try MigMigration(object: try await host.get(MigrationResourceType.migMigration.resource, name: migration.name, namespace: migration.namespace))
    }

    /// Every object of `resource` in `namespace`, by name.
    func objects(_ resource: GroupVersionResource, in namespace: String, on client: KubeClient) async throws -> [String: KubeObject] {
        Dictionary(uniqueKeysWithValues: try await client.listAll(resource, namespace: namespace).items.map { ($0.name, $0) })
    }
}

enum Resource {
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
    static let services = GroupVersionResource(group: "", version: "v1", resource: "services")
    static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let volumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")
    static let deployments = GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
    static let statefulSets = GroupVersionResource(group: "apps", version: "v1", resource: "statefulsets")
    static let cronJobs = GroupVersionResource(group: "batch", version: "v1", resource: "cronjobs")
    static let jobs = GroupVersionResource(group: "batch", version: "v1", resource: "jobs")
}
