import FerryAPI
import FerryController
import KubeClient
import KubeCore
import Testing

@Suite("MigPlan volume validation and storage conversion discovery")
struct PlanVolumeValidationTests {
    /// A bound claim `namespace/name` with its own volume on `client`, labelled as given.
    static func createClaim(_ name: String, in namespace: String, on client: KubeClient, labels: [String: String] = [:]) async throws {
        var volume = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: "pv-\(namespace)-\(name)")
        volume["spec"] = .object([
            "capacity": .object(["storage": .string("1Gi")]), "accessModes": .array([.string("ReadWriteOnce")]),
            "hostPath": .object(["path": .string("/tmp/ferry-controller-tests/\(namespace)-\(name)")]),
            "storageClassName": .string("standard"), "persistentVolumeReclaimPolicy": .string("Retain"),
            "claimRef": .object(["namespace": .string(namespace), "name": .string(name)]),
        ])
        _ = try await client.create(TestResources.persistentVolumes, volume)
        var claim = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: name, namespace: namespace)
        claim.labels = labels
        claim["spec"] = .object([
            "accessModes": .array([.string("ReadWriteOnce")]), "storageClassName": .string("standard"),
            "resources": .object(["requests": .object(["storage": .string("1Gi")])]),
        ])
        _ = try await client.create(TestResources.persistentVolumeClaims, claim, namespace: namespace)
        let bound = try await eventually {
            try await client.get(TestResources.persistentVolumeClaims, name: name, namespace: namespace)[path: "spec", "volumeName"]?.stringValue?.isEmpty == false
        }
        guard bound else { throw TestFailure("claim \(namespace)/\(name) was not bound") }
    }

    @Test("a selected storage class the destination lacks is a critical condition naming the claim, the class and the classes available", .timeLimit(.minutes(1)))
    func missingStorageClass() async throws {
        try await MigrationWorld.with { world in
            try await world.createApplication("shop")
            try await world.createPlan("plan", namespaces: ["shop"])
            var plan = try await MigPlanReconcilerTests.reconcile("plan", in: world)
            var volumes = try #require(plan.spec.persistentVolumes)
            let index = try #require(volumes.firstIndex { $0.pvc?.name == "data" })
            volumes[index].selection?.storageClass = "gold"
            plan.spec.persistentVolumes = volumes
            _ = try await world.hostClient.update(plan.encoded())

            plan = try await MigPlanReconcilerTests.reconcile("plan", in: world)
            let condition = try #require(plan.status.conditions?.first(type: "PvInvalidStorageClass"))
            #expect(condition.category == MigrationCondition.Category.critical)
            #expect(condition.message?.contains("shop/data → gold") == true, "\(condition.message ?? "")")
            #expect(condition.message?.contains("[standard]") == true, "\(condition.message ?? "")")
            #expect(plan.status.conditions?.isTrue("Ready") != true)
        }
    }

    @Test("a storage conversion plan names each claim src:src-new and never lists the claims it created", .timeLimit(.minutes(1)))
    func storageConversionDiscovery() async throws {
        try await MigrationWorld.with { world in
            try await createNamespace("shop", on: world.hostClient)
            try await Self.createClaim("data", in: "shop", on: world.hostClient)
            let created = try await world.createPlan("plan", namespaces: ["shop"], source: "host", destination: "host")
            try await Self.createClaim("data-new", in: "shop", on: world.hostClient, labels: [MigrationAPI.migratedByPlanLabel: created.uid])

            let plan = try await MigPlanReconcilerTests.reconcile("plan", in: world)
            #expect(plan.status.conditions?.first(type: "MigrationTypeIdentified")?.reason == "StorageConversionPlan")
            let claims = (plan.spec.persistentVolumes ?? []).compactMap(\.pvc?.name)
            #expect(claims == ["data:data-new"])
        }
    }
}
