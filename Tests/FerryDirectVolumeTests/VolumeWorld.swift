import FerryAPI
import FerryDirectVolume
import FerryEngine
import FerryTransfer
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging
import Testing

/// Silent unless `FERRY_TEST_LOG` names a level (`debug`, `info`, …), which sends logs to stderr.
let quietLogger: Logger = {
    guard let level = ProcessInfo.processInfo.environment["FERRY_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) else {
        return Logger(label: "ferry-direct-volume-tests", factory: { _ in SwiftLogNoOpLogHandler() })
    }
    var logger = Logger(label: "ferry-direct-volume-tests", factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = level
    return logger
}()

enum Resource {
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let volumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")
}

/// Two running clusters with state directories (so claims bind to hostPath directories on this
/// machine; the destination is also the host), the migration CRDs, and helpers to put files
/// into claims and run migrations with the direct volume mover.
struct VolumeWorld {
    let sourceCluster: KubeSimCluster
    let destinationCluster: KubeSimCluster
    let source: KubeClient
    let destination: KubeClient
    /// A scratch directory removed with the world.
    let scratch: String
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
    static func with(_ body: (VolumeWorld) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-dvm-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/scratch", withIntermediateDirectories: true)
        try await KubeSimCluster.withRunning(
            KubeSimCluster.Configuration(name: "source", stateDirectory: "\(directory)/source"), logger: quietLogger
        ) { sourceCluster in
            try await KubeSimCluster.withRunning(
                KubeSimCluster.Configuration(name: "destination", stateDirectory: "\(directory)/destination"), logger: quietLogger
            ) { destinationCluster in
                let world = VolumeWorld(
                    sourceCluster: sourceCluster, destinationCluster: destinationCluster,
                    source: try client(for: sourceCluster), destination: try client(for: destinationCluster), scratch: "\(directory)/scratch")
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

    /// Creates namespace `namespace` with claim `claim` on the source and returns the directory
    /// of the volume it bound to.
    func makeClaim(_ claim: String = "data", namespace: String = "shop") async throws -> String {
        _ = try? await source.create(Resource.namespaces, KubeObject(apiVersion: "v1", kind: "Namespace", name: namespace))
        for object in try Manifests.decode("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: \(claim), namespace: \(namespace)}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
            """, source: "claim") {
            _ = try await source.create(object)
        }
        return try await volumeDirectory(of: claim, namespace: namespace, on: source)
    }

    /// The hostPath directory of the volume `claim` is bound to, once it is bound.
    func volumeDirectory(of claim: String, namespace: String, on client: KubeClient) async throws -> String {
        for _ in 0..<200 {
            let object = try await client.get(Resource.claims, name: claim, namespace: namespace)
            if object[path: "status", "phase"] == .string("Bound"), let volume = object[path: "spec", "volumeName"]?.stringValue {
                let persistentVolume = try await client.get(Resource.volumes, name: volume)
                return try #require(persistentVolume[path: "spec", "hostPath", "path"]?.stringValue)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DirectVolumeMoverError(code: "test-unbound", message: "claim \(namespace)/\(claim) never bound")
    }

    /// Creates a plan of `namespaces` from "source" to "host" and, unless `markReady` is false
    /// (a controller under test validates it then), marks it Ready as the plan controller would.
    func makePlan(name: String = "plan", namespaces: [String], markReady: Bool = true) async throws -> MigPlan {
        var spec = MigPlan.Spec()
        spec.srcMigClusterRef = MigrationObjectReference(name: "source", namespace: MigrationAPI.defaultNamespace)
        spec.destMigClusterRef = MigrationObjectReference(name: "host", namespace: MigrationAPI.defaultNamespace)
        spec.namespaces = namespaces
        var plan = try MigPlan(object: try await host.create(MigPlan(name: name, spec: spec).encoded()))
        guard markReady else { return plan }
        plan.status.conditions = [MigrationCondition(type: "Ready", category: MigrationCondition.Category.required, message: "The migration plan is ready.")]
        return try MigPlan(object: try await host.updateStatus(plan.encoded()))
    }

    /// Creates a migration of `plan`.
    func makeMigration(_ name: String, plan: MigPlan, stage: Bool, verify: Bool = false) async throws -> MigMigration {
        var spec = MigMigration.Spec()
        spec.migPlanRef = plan.reference
        spec.stage = stage
        spec.quiescePods = true
        spec.verify = verify ? true : nil
        return try MigMigration(object: try await host.create(MigMigration(name: name, spec: spec).encoded()))
    }

    func runner(_ mover: any VolumeDataMover) -> MigrationRunner {
        var settings = MigrationRunnerSettings()
        settings.inlineWait = .seconds(2)
        settings.requeueInterval = .milliseconds(50)
        return MigrationRunner(host: host, source: source, destination: destination, logger: quietLogger, settings: settings, dataMover: mover)
    }

    /// Reconciles `migration` until it finishes, as the controller would; `between` runs
    /// after every reconcile that did not finish it.
    func runToEnd(
        _ migration: MigMigration, plan: MigPlan, mover: any VolumeDataMover, between: (MigMigration) async throws -> Void = { _ in }
    ) async throws -> MigMigration {
        let runner = runner(mover)
        for _ in 0..<2400 {
            let current = try await reload(migration)
            switch try await runner.run(migration: current, plan: plan) {
            case .finished: return try await reload(migration)
            case .requeue(let after):
                try await between(try await reload(migration))
                try await Task.sleep(for: after)
            }
        }
        Issue.record("migration \(migration.name) did not finish")
        return try await reload(migration)
    }

    func reload(_ migration: MigMigration) async throws -> MigMigration {
        try MigMigration(object: try await host.get(MigrationResourceType.migMigration.resource, name: migration.name, namespace: migration.namespace))
    }

    /// Runs `body` with a mover whose local transfers run in a service of this task.
    static func withMover(
        _ settings: DirectVolumeSettings = DirectVolumeSettings(), podPlane: (any PodVolumePlane)? = nil, _ body: (DirectVolumeMover) async throws -> Void
    ) async throws {
        let service = VolumeTransferService(transfer: LocalTransfer(settings: settings.transfer, logger: quietLogger), logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            do {
                try await body(DirectVolumeMover(settings: settings, transfers: service, podPlane: podPlane, logger: quietLogger))
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}
