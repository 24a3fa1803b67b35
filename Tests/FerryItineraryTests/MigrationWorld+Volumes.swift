import FerryAPI
import FerryEngine
import Foundation
import KubeClient
import KubeCore
import Testing

/// Helpers of the volume tests: storage classes, plans with volume entries, state migrations
/// and runners whose clusters may be one.
extension MigrationWorld {
    static func storageClass(_ name: String) -> String {
        """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: \(name)}
        provisioner: ferry.dev/hostpath
        reclaimPolicy: Delete
        volumeBindingMode: Immediate
        """
    }

    /// A Ready plan whose source and destination are the MigClusters named.
    func makeVolumePlan(
        name: String = "plan", source: String = "source", destination: String = "host", namespaces: [String],
        persistentVolumes: [MigPlan.PersistentVolume]
    ) async throws -> MigPlan {
        var spec = MigPlan.Spec()
        spec.srcMigClusterRef = MigrationObjectReference(name: source, namespace: MigrationAPI.defaultNamespace)
        spec.destMigClusterRef = MigrationObjectReference(name: destination, namespace: MigrationAPI.defaultNamespace)
        spec.namespaces = namespaces
        spec.persistentVolumes = persistentVolumes
        var plan = try MigPlan(object: try await host.create(MigPlan(name: name, spec: spec).encoded()))
        plan.status.conditions = [MigrationCondition(type: "Ready", category: MigrationCondition.Category.required, message: "The migration plan is ready.")]
        return try MigPlan(object: try await host.updateStatus(plan.encoded()))
    }

    /// A state migration (`migrateState: true`); with `quiescePods` it is the cutover.
    func makeStateMigration(_ name: String, plan: MigPlan, quiescePods: Bool) async throws -> MigMigration {
        var spec = MigMigration.Spec()
        spec.migPlanRef = plan.reference
        spec.migrateState = true
        spec.quiescePods = quiescePods
        return try MigMigration(object: try await host.create(MigMigration(name: name, spec: spec).encoded()))
    }

    /// A runner copying hostPath data; `sameCluster` makes the destination its source too.
    func volumeRunner(sameCluster: Bool = false, resizesVolumes: Bool = false) -> MigrationRunner {
        var settings = MigrationRunnerSettings()
        settings.inlineWait = .seconds(2)
        settings.requeueInterval = .milliseconds(50)
        settings.resizesVolumes = resizesVolumes
        return MigrationRunner(
            host: host, source: sameCluster ? destination : source, destination: destination, logger: quietLogger,
            settings: settings, dataMover: HostPathCopyMover())
    }

    /// The plan entry of claim `namespace/claim` on `client`, bound by then.
    func volumeEntry(
        claim: String, namespace: String = "shop", on client: KubeClient, pvcName: String? = nil,
        selection: MigPlan.PersistentVolume.Selection
    ) async throws -> MigPlan.PersistentVolume {
        _ = try await HostPathCopyMover.boundDirectory(of: claim, in: namespace, on: client)
        let object = try await client.get(Resource.claims, name: claim, namespace: namespace)
        let volumeName = try #require(object[path: "spec", "volumeName"]?.stringValue)
        return MigPlan.PersistentVolume(
            name: volumeName, capacity: object[path: "status", "capacity", "storage"]?.stringValue, storageClass: "standard",
            selection: selection, pvc: .init(namespace: namespace, name: pvcName ?? claim, accessModes: ["ReadWriteOnce"], volumeMode: "Filesystem"))
    }

    /// Writes `contents` to `file` in the volume of claim `namespace/claim`.
    func write(_ contents: String, to file: String, claim: String, namespace: String = "shop", on client: KubeClient) async throws {
        let directory = try await HostPathCopyMover.boundDirectory(of: claim, in: namespace, on: client)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: "\(directory)/\(file)"))
    }

    /// The contents of `file` in the volume of claim `namespace/claim`; `nil` when missing.
    func read(_ file: String, claim: String, namespace: String = "shop", on client: KubeClient) async throws -> String? {
        let directory = try await HostPathCopyMover.boundDirectory(of: claim, in: namespace, on: client)
        return FileManager.default.contents(atPath: "\(directory)/\(file)").map { String(decoding: $0, as: UTF8.self) }
    }
}
