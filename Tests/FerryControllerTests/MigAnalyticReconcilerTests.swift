import FerryAPI
import FerryController
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("MigAnalyticReconciler and PV resizing")
struct MigAnalyticReconcilerTests {
    /// A namespace `ledger` on the source: claim `full` (1Mi volume, 99% used), claim
    /// `sparse` (1Gi volume holding a 10 MiB sparse file), claim `gone` (its directory does
    /// not exist here) and a pod mounting `full`.
    static func createLedger(in world: MigrationWorld, directory: String) async throws {
        try await createNamespace("ledger", on: world.sourceClient)
        let manager = FileManager.default
        try manager.createDirectory(atPath: "\(directory)/full", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: "\(directory)/sparse/nested", withIntermediateDirectories: true)
        try Data((0..<1_040_000).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: "\(directory)/full/blob"))
        let sparse = try #require(FileHandle(forWritingAtPath: { _ = manager.createFile(atPath: "\(directory)/sparse/nested/disk.img", contents: nil); return "\(directory)/sparse/nested/disk.img" }()))
        try sparse.seek(toOffset: 10 * 1_048_576)
        try sparse.write(contentsOf: Data("end".utf8))
        try sparse.close()
        for (claim, capacity) in [("full", "1Mi"), ("sparse", "1Gi"), ("gone", "1Gi")] {
            var volume = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: "pv-ledger-\(claim)")
            volume["spec"] = .object([
                "capacity": .object(["storage": .string(capacity)]), "accessModes": .array([.string("ReadWriteOnce")]),
                "hostPath": .object(["path": .string("\(directory)/\(claim)")]),
                "storageClassName": .string("standard"), "persistentVolumeReclaimPolicy": .string("Retain"),
                "claimRef": .object(["namespace": .string("ledger"), "name": .string(claim)]),
            ])
            _ = try await world.sourceClient.create(TestResources.persistentVolumes, volume)
            var object = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: claim, namespace: "ledger")
            object["spec"] = .object([
                "accessModes": .array([.string("ReadWriteOnce")]), "storageClassName": .string("standard"),
                "resources": .object(["requests": .object(["storage": .string(capacity)])]),
            ])
            _ = try await world.sourceClient.create(TestResources.persistentVolumeClaims, object, namespace: "ledger")
        }
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: "books", namespace: "ledger")
        pod["spec"] = .object([
            "containers": .array([.object(["name": .string("books"), "image": .string("nginx:1.27")])]),
            "volumes": .array([.object(["name": .string("full"), "persistentVolumeClaim": .object(["claimName": .string("full")])])]),
        ])
        _ = try await world.sourceClient.create(TestResources.pods, pod, namespace: "ledger")
        let bound = try await eventually {
            try await world.sourceClient.listAll(TestResources.persistentVolumeClaims, namespace: "ledger").items
                .allSatisfy { $0[path: "spec", "volumeName"]?.stringValue?.isEmpty == false }
        }
        guard bound else { throw TestFailure("the ledger claims were not bound") }
    }

    static func analyze(_ name: String, in world: MigrationWorld) async throws -> MigAnalytic {
        let connector = ClusterConnector(hostClient: world.hostClient, logger: quietLogger)
        do {
            _ = try await MigAnalyticReconciler(client: world.hostClient, connector: connector, logger: quietLogger)
                .reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: name))
        } catch {
            await connector.shutdown()
            throw error
        }
        await connector.shutdown()
        return try MigAnalytic(object: try await world.hostClient.get(MigAnalytic.resourceType.resource, name: name, namespace: MigrationWorld.namespace))
    }

    static func createAnalytic(_ name: String, plan: String, in world: MigrationWorld) async throws {
        var spec = MigAnalytic.Spec()
        spec.migPlanRef = MigrationObjectReference(name: plan, namespace: MigrationWorld.namespace)
        spec.analyzeK8SResources = true
        spec.analyzeImageCount = true
        spec.analyzePVCapacity = true
        spec.analyzeExtendedPVCapacity = true
        _ = try await world.hostClient.create(MigAnalytic(name: name, spec: spec).encoded())
    }

    @Test("usage is measured per claim, a nearly full volume gets 3% headroom, sparse files are found, unreachable volumes are named, and the plan gets the proposals", .timeLimit(.minutes(1)))
    func measuresAndProposes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-analytic-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await MigrationWorld.with { world in
            try await Self.createLedger(in: world, directory: directory)
            try await world.createPlan("plan", namespaces: ["ledger"])
            _ = try await MigPlanReconcilerTests.reconcile("plan", in: world)
            try await Self.createAnalytic("plan-analytic", plan: "plan", in: world)
            let analytic = try await Self.analyze("plan-analytic", in: world)

            let conditions = analytic.status.conditions ?? []
            #expect(conditions.isTrue("Ready"), "\(conditions)")
            let failed = try #require(conditions.first(type: "ExtendedPVAnalysisFailed"))
            #expect(failed.category == MigrationCondition.Category.warn)
            #expect(failed.message?.contains("ledger/gone") == true && failed.message?.contains("does not exist on this machine") == true, "\(failed.message ?? "")")
            let analytics = try #require(analytic.status.analytics)
            #expect(analytics.plan == "plan")
            #expect(analytics.pvCount == 3)
            #expect(analytics.imageCount == 1)
            let ledger = try #require(analytics.namespaces?.first)
            #expect(ledger.k8sResourceTotal ?? 0 >= 4, "3 claims and a pod at least")
            let volumes = Dictionary(uniqueKeysWithValues: (ledger.persistentVolumes ?? []).map { ($0.name, $0) })
            let full = try #require(volumes["full"])
            #expect(full.requestedCapacity == "1Mi")
            #expect(full.actualCapacity == "1Mi")
            #expect(full.proposedCapacity == "2Mi", "99% used: usage plus 3% of the capacity, rounded up to a whole Mi")
            #expect(full.sparseFilesFound == false)
            let sparse = try #require(volumes["sparse"])
            #expect(sparse.proposedCapacity == "1Gi")
            #expect(sparse.sparseFilesFound == true)
            #expect(sparse.comment?.contains("1 sparse file(s)") == true, "\(sparse.comment ?? "")")
            #expect(volumes["gone"]?.proposedCapacity == nil)

            var plan = try await world.plan("plan")
            let fullEntry = try #require(plan.spec.persistentVolumes?.first { $0.pvc?.name == "full" })
            #expect(fullEntry.proposedCapacity == "2Mi")
            #expect(fullEntry.capacityConfirmed == false)
            plan = try await MigPlanReconcilerTests.reconcile("plan", in: world)
            let warning = try #require(plan.status.conditions?.first(type: "PvCapacityAdjustmentRequired"))
            #expect(warning.status == "True" && warning.category == MigrationCondition.Category.warn)
            #expect(warning.message?.contains("ledger/full (1Mi → 2Mi)") == true, "\(warning.message ?? "")")
            #expect(plan.status.conditions?.isTrue("Ready") == true, "a warning keeps the plan ready")

            var settings = ControllerSettings()
            settings.enablePVResizing = true
            plan = try await MigPlanReconcilerTests.reconcile("plan", in: world, settings: settings)
            let adjusted = try #require(plan.status.conditions?.first(type: "PvCapacityAdjustmentRequired"))
            #expect(adjusted.status == "False" && adjusted.reason == "Done")

            let again = try await Self.analyze("plan-analytic", in: world)
            #expect(again.object.resourceVersion == analytic.object.resourceVersion, "a measured analytic is not measured again without refresh")
        }
    }

    @Test("an analytic naming a missing plan says so", .timeLimit(.minutes(1)))
    func missingPlan() async throws {
        try await MigrationWorld.with { world in
            try await Self.createAnalytic("orphan", plan: "nowhere", in: world)
            let analytic = try await Self.analyze("orphan", in: world)
            let condition = try #require(analytic.status.conditions?.first(type: "InvalidPlanRef"))
            #expect(condition.category == MigrationCondition.Category.critical)
            #expect(condition.message?.contains("nowhere") == true)
            #expect(analytic.status.conditions?.isTrue("Ready") != true)
        }
    }
}
