import FerryEngine
import KubeCore
import Testing

@Suite("ApplyVolumeActions and moved claims in the standard pipeline")
struct VolumeActionTests {
    static let claim: JSONValue = [
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": [
            "name": "data", "namespace": "shop", "uid": "c-1",
            "annotations": ["pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes"],
        ],
        "spec": [
            "accessModes": ["ReadWriteOnce"], "storageClassName": "nfs", "volumeName": "pv-data",
            "resources": ["requests": ["storage": "1Gi"]],
        ],
        "status": ["phase": "Bound"],
    ]

    static let volume: JSONValue = [
        "apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": ["name": "pv-data", "uid": "v-1", "annotations": ["pv.kubernetes.io/bound-by-controller": "yes"]],
        "spec": [
            "accessModes": ["ReadWriteOnce"], "capacity": ["storage": "1Gi"], "storageClassName": "nfs",
            "nfs": ["server": "nfs.example.com", "path": "/exports/data"],
            "persistentVolumeReclaimPolicy": "Delete",
            "claimRef": ["kind": "PersistentVolumeClaim", "namespace": "shop", "name": "data", "uid": "c-1", "resourceVersion": "7"],
        ],
        "status": ["phase": "Bound"],
    ]

    static func context(_ selection: PersistentVolumeClaimSelection?) -> MigrationTransformContext {
        .testing(namespaceMapping: ["shop": "shop-dr"], persistentVolumeClaimSelections: selection.map { ["shop/data": $0] } ?? [:])
    }

    @Test("copy, the default, migrates the claim unbound and leaves the volume behind", arguments: [nil, VolumeAction.copy])
    func copy(action: VolumeAction?) throws {
        let result = TransformPipeline.standard.run([try .literal(Self.claim), try .literal(Self.volume)], context: Self.context(.init(action: action)))
        let claim = try #require(result.objects.first)
        #expect(result.objects.count == 1)
        #expect(claim[path: "spec", "volumeName"] == nil)
        #expect(result.dropped.map(\.reason) == ["volume data is copied into a new volume"])
        #expect(result.dropped.first?.transform == "ApplyVolumeActions")
    }

    @Test("skip leaves both the claim and the volume behind")
    func skip() throws {
        let result = TransformPipeline.standard.run([try .literal(Self.claim), try .literal(Self.volume)], context: Self.context(.init(action: .skip)))
        #expect(result.objects.isEmpty)
        #expect(result.dropped.map(\.reason) == ["persistent volume action skip", "persistent volume action skip"])
    }

    @Test("move keeps the claim on its volume and hands the volume, retained, to the destination claim")
    func move() throws {
        let selection = PersistentVolumeClaimSelection(storageClassName: "fast", targetName: "data-new", action: .move)
        let result = TransformPipeline.standard.run([try .literal(Self.claim), try .literal(Self.volume)], context: Self.context(selection))
        #expect(result.dropped.isEmpty)
        let claim = try #require(result.objects.first), volume = try #require(result.objects.last)
        #expect(claim.qualifiedName == "shop-dr/data-new")
        #expect(claim[path: "spec", "volumeName"] == "pv-data")
        #expect(claim[path: "spec", "storageClassName"] == "nfs", "a moved claim keeps the class of its volume")
        #expect(claim.annotations.isEmpty)
        #expect(volume[path: "spec", "persistentVolumeReclaimPolicy"] == "Retain")
        #expect(volume[path: "spec", "nfs"] == ["server": "nfs.example.com", "path": "/exports/data"])
        #expect(volume[path: "spec", "claimRef"] == ["kind": "PersistentVolumeClaim", "namespace": "shop-dr", "name": "data-new"])
        #expect(volume.status == nil)
    }

    @Test("a volume bound to no claim, or to a claim of another namespace, is not migrated")
    func unrelatedVolumes() throws {
        var unbound: KubeObject = try .literal(Self.volume)
        unbound[path: "spec", "claimRef"] = nil
        #expect(ApplyVolumeActions().applied(to: unbound, context: Self.context(.init(action: .move))).0 == .drop(reason: "not bound to a migrated claim"))
        var elsewhere: KubeObject = try .literal(Self.volume)
        elsewhere[path: "spec", "claimRef", "namespace"] = "tools"
        #expect(ApplyVolumeActions().applied(to: elsewhere, context: Self.context(.init(action: .move))).0 == .drop(reason: "volume data is copied into a new volume"))
    }

    @Test("plan actions read by name")
    func rawValues() {
        #expect(VolumeAction(rawValue: "move") == .move)
        #expect(VolumeAction.allCases.map(\.rawValue) == ["copy", "move", "skip"])
    }

    @Test("exported volumes, when moved, keep their backing storage and bind to the mapped claim",
          arguments: ExportedFixture.all.filter { $0.fileName.hasPrefix("persistentvolume-") })
    func movedExportedVolume(fixture: ExportedFixture) throws {
        let volume = try fixture.load()
        let namespace = try #require(volume[path: "spec", "claimRef", "namespace"]?.stringValue)
        let claim = try #require(volume[path: "spec", "claimRef", "name"]?.stringValue)
        let context = MigrationTransformContext.testing(
            namespaceMapping: [namespace: "\(namespace)-migrated"],
            persistentVolumeClaimSelections: ["\(namespace)/\(claim)": .init(action: .move)])
        let result = TransformPipeline.standard.run([volume], context: context)
        let moved = try #require(result.objects.first, "\(fixture.fileName) is migrated")
        #expect(moved[path: "spec", "persistentVolumeReclaimPolicy"] == "Retain")
        #expect(moved[path: "spec", "claimRef", "namespace"]?.stringValue == "\(namespace)-migrated")
        #expect(moved[path: "spec", "claimRef", "name"]?.stringValue == claim)
        #expect(moved[path: "spec", "claimRef", "uid"] == nil && moved[path: "spec", "claimRef", "resourceVersion"] == nil)
        for source in ["hostPath", "nfs", "gcePersistentDisk", "csi", "local"] where volume[path: "spec", source] != nil {
            #expect(moved[path: "spec", source] == volume[path: "spec", source], "\(fixture.fileName) keeps its \(source) storage")
        }
        #expect(moved.status == nil && moved.uid == nil)
    }
}
