import FerryAPI
import FerryController
import FerryDirectVolume
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Storage class conversion through the controller")
struct StorageConversionControllerTests {
    static let deployments = GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
    static let storageClasses = GroupVersionResource(group: "storage.k8s.io", version: "v1", resource: "storageclasses")

    /// On the host: class `fast`, claim `shop/data` on a `standard` hostPath volume holding
    /// `orders.db`, a free `fast` volume for the converted claim, and Deployment `web` using
    /// `data`. Returns the directory of the free volume.
    static func createShop(in world: MigrationWorld, directory: String) async throws -> String {
        let client = world.hostClient
        var fast = KubeObject(apiVersion: "storage.k8s.io/v1", kind: "StorageClass", name: "fast")
        fast["provisioner"] = "kubernetes.io/no-provisioner"
        _ = try await client.create(Self.storageClasses, fast)
        try await createNamespace("shop", on: client)
        for name in ["old", "new"] { try FileManager.default.createDirectory(atPath: "\(directory)/\(name)", withIntermediateDirectories: true) }
        try Data("orders\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/old/orders.db"))
        for (name, className, path, claim) in [("pv-data", "standard", "old", "data"), ("pv-fast", "fast", "new", nil)] as [(String, String, String, String?)] {
            var volume = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: name)
            var spec: JSONObject = [
                "capacity": ["storage": "1Gi"], "accessModes": ["ReadWriteOnce"], "hostPath": ["path": .string("\(directory)/\(path)")],
                "storageClassName": .string(className), "persistentVolumeReclaimPolicy": "Retain",
            ]
            if let claim { spec["claimRef"] = ["namespace": "shop", "name": .string(claim)] }
            volume["spec"] = .object(spec)
            _ = try await client.create(TestResources.persistentVolumes, volume)
        }
        var claim = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: "shop")
        claim["spec"] = ["accessModes": ["ReadWriteOnce"], "storageClassName": "standard", "resources": ["requests": ["storage": "1Gi"]]]
        _ = try await client.create(TestResources.persistentVolumeClaims, claim, namespace: "shop")
        var web = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop")
        web["spec"] = [
            "replicas": 1, "selector": ["matchLabels": ["app": "web"]],
            "template": [
                "metadata": ["labels": ["app": "web"]],
                "spec": [
                    "containers": [["name": "web", "image": "nginx:1.27"]],
                    "volumes": [["name": "data", "persistentVolumeClaim": ["claimName": "data"]]],
                ],
            ],
        ]
        _ = try await client.create(Self.deployments, web, namespace: "shop")
        return "\(directory)/new"
    }

    @Test("the controller discovers data:data-new, and a state cutover copies the data with rsync into the new class and swaps the Deployment", .timeLimit(.minutes(2)))
    func convertsThroughTheController() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-conversion-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await MigrationWorld.with { world in
            let converted = try await Self.createShop(in: world, directory: directory)
            try await world.createPlan("convert", namespaces: ["shop"], source: "host", destination: "host")
            let controller = FerryControllerService(
                configuration: adminConfiguration(world.host),
                settings: ControllerSettings(clusterRecheckInterval: .seconds(2), planRecheckInterval: .seconds(1)),
                directVolume: DirectVolumeSettings(), logger: quietLogger)
            let finished: MigMigration = try await withThrowingTaskGroup(of: MigMigration?.self) { group in
                group.addTask {
                    try await controller.run()
                    return nil
                }
                group.addTask {
                    // The user picks the new class for the discovered entry, then cuts over.
                    var entry: MigPlan.PersistentVolume?
                    for _ in 0..<300 where entry == nil {
                        entry = try await world.plan("convert").spec.persistentVolumes?.first
                        if entry == nil { try await Task.sleep(for: .milliseconds(100)) }
                    }
                    var plan = try await world.plan("convert")
                    guard var volumes = plan.spec.persistentVolumes, volumes.first?.pvc?.name == "data:data-new" else {
                        throw TestFailure("the plan's volume is \(String(describing: entry?.pvc?.name)), not data:data-new")
                    }
                    volumes[0].selection?.storageClass = "fast"
                    plan.spec.persistentVolumes = volumes
                    _ = try await world.hostClient.update(plan.encoded())
                    var spec = MigMigration.Spec()
                    spec.migPlanRef = MigrationObjectReference(name: "convert", namespace: MigrationWorld.namespace)
                    spec.migrateState = true
                    spec.quiescePods = true
                    _ = try await world.hostClient.create(MigMigration(name: "cutover", spec: spec).encoded())
                    for _ in 0..<900 {
                        let current = try await world.migration("cutover")
                        if current.isFinished { return current }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    return try await world.migration("cutover")
                }
                defer { group.cancelAll() }
                while let next = try await group.next() {
                    if let next { return next }
                }
                throw CancellationError()
            }
            #expect(finished.status.conditions?.isTrue("Succeeded") == true, "\(finished.status.conditions ?? []) \(finished.status.errors ?? [])")
            #expect(FileManager.default.contents(atPath: "\(converted)/orders.db") == Data("orders\n".utf8))
            let claim = try await world.hostClient.get(TestResources.persistentVolumeClaims, name: "data-new", namespace: "shop")
            #expect(claim[path: "spec", "storageClassName"] == .string("fast"))
            let web = try await world.hostClient.get(Self.deployments, name: "web", namespace: "shop")
            let claims = (web[path: "spec", "template", "spec", "volumes"]?.arrayValue ?? []).compactMap { $0[path: ["persistentVolumeClaim", "claimName"]]?.stringValue }
            #expect(claims == ["data-new"])
            #expect(web[path: "spec", "replicas"] == .int(1))
        }
    }
}
