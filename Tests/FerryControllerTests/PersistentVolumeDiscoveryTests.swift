import FerryAPI
import FerryController
import KubeCore
import Testing

@Suite("PersistentVolumeDiscovery")
struct PersistentVolumeDiscoveryTests {
    static func claim(_ name: String, volume: String?, mode: String? = nil, storageClass: String = "fast") -> KubeObject {
        var claim = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: name, namespace: "shop")
        var spec: JSONObject = ["accessModes": .array([.string("ReadWriteMany")]), "storageClassName": .string(storageClass)]
        if let volume { spec["volumeName"] = .string(volume) }
        if let mode { spec["volumeMode"] = .string(mode) }
        claim["spec"] = .object(spec)
        return claim
    }

    static func volume(_ name: String, source: JSONObject, storageClass: String = "fast") -> KubeObject {
        var volume = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: name)
        var spec = source
        spec["capacity"] = .object(["storage": .string("5Gi")])
        spec["storageClassName"] = .string(storageClass)
        volume["spec"] = .object(spec)
        return volume
    }

    static let nfs: JSONObject = ["nfs": .object(["server": .string("nfs.example"), "path": .string("/exports/a")])]
    static let csi: JSONObject = ["csi": .object(["driver": .string("ebs.csi.aws.com"), "volumeHandle": .string("vol-1")])]

    @Test("unbound claims are left out; block volumes offer block copies; shared storage can be moved")
    func supportedActions() {
        let discovery = PersistentVolumeDiscovery(destinationClasses: [MigPlan.StorageClass(name: "gp3", default: true)])
        let entries = discovery.entries(
            claims: [Self.claim("pending", volume: nil), Self.claim("shared", volume: "pv-nfs"), Self.claim("raw", volume: "pv-block", mode: "Block")],
            volumes: [Self.volume("pv-nfs", source: Self.nfs), Self.volume("pv-block", source: Self.csi)],
            pods: [], existing: [])
        #expect(entries.map(\.name) == ["pv-block", "pv-nfs"])
        let block = entries[0]
        #expect(block.supported?.actions == ["copy", "skip"])
        #expect(block.supported?.copyMethods == ["filesystem", "block"])
        #expect(block.selection?.copyMethod == "block")
        #expect(block.pvc?.volumeMode == "Block")
        let shared = entries[1]
        #expect(shared.supported?.actions == ["copy", "move", "skip"])
        #expect(shared.capacity == "5Gi")
    }

    @Test("the default selection copies into the same class name, else the destination's default class")
    func defaultStorageClass() {
        let classes = [MigPlan.StorageClass(name: "slow"), MigPlan.StorageClass(name: "gp3", default: true), MigPlan.StorageClass(name: "fast")]
        let discovery = PersistentVolumeDiscovery(destinationClasses: classes)
        let entries = discovery.entries(
            claims: [Self.claim("a", volume: "pv-a"), Self.claim("b", volume: "pv-b", storageClass: "premium")],
            volumes: [Self.volume("pv-a", source: Self.csi), Self.volume("pv-b", source: Self.csi, storageClass: "premium")],
            pods: [], existing: [])
        #expect(entries.first { $0.name == "pv-a" }?.selection?.storageClass == "fast")
        #expect(entries.first { $0.name == "pv-b" }?.selection?.storageClass == "gp3")
        #expect(entries.first { $0.name == "pv-a" }?.selection?.accessMode == "ReadWriteMany")
    }

    @Test("without destination classes a shared volume defaults to move and any other to skip")
    func noDestinationClasses() {
        let discovery = PersistentVolumeDiscovery(destinationClasses: [])
        let entries = discovery.entries(
            claims: [Self.claim("shared", volume: "pv-nfs"), Self.claim("block", volume: "pv-csi")],
            volumes: [Self.volume("pv-nfs", source: Self.nfs), Self.volume("pv-csi", source: Self.csi)],
            pods: [], existing: [])
        #expect(entries.first { $0.name == "pv-nfs" }?.selection?.action == "move")
        #expect(entries.first { $0.name == "pv-csi" }?.selection?.action == "skip")
        #expect(entries.first { $0.name == "pv-csi" }?.supported?.actions == ["skip"])
    }

    @Test("a user's selection, claim rename and confirmed capacity are kept; a pod's claim marks the volume referenced")
    func keepsExistingChoices() {
        let discovery = PersistentVolumeDiscovery(destinationClasses: [MigPlan.StorageClass(name: "fast")])
        var existing = MigPlan.PersistentVolume(name: "pv-a", selection: MigPlan.PersistentVolume.Selection(action: "skip"),
            pvc: MigPlan.PersistentVolume.Claim(namespace: "shop", name: "a:a-new"))
        existing.capacityConfirmed = true
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: "web", namespace: "shop")
        pod["spec"] = .object(["volumes": .array([.object(["name": .string("v"), "persistentVolumeClaim": .object(["claimName": .string("a")])])])])
        let entries = discovery.entries(claims: [Self.claim("a", volume: "pv-a")], volumes: [Self.volume("pv-a", source: Self.csi)], pods: [pod], existing: [existing])
        let entry = entries[0]
        #expect(entry.selection == MigPlan.PersistentVolume.Selection(action: "skip"))
        #expect(entry.pvc?.name == "a:a-new")
        #expect(entry.pvc?.hasReference == true)
        #expect(entry.capacityConfirmed == true)
        #expect(entry.supported?.actions == ["copy", "skip"], "supported actions are rediscovered")
    }
}
