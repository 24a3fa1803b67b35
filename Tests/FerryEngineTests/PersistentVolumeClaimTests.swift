import FerryEngine
import KubeCore
import Testing

@Suite("CleanPersistentVolumeClaim and CleanPersistentVolume")
struct PersistentVolumeClaimTests {
    static let claim: JSONValue = [
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": [
            "name": "data", "namespace": "shop",
            "annotations": [
                "pv.kubernetes.io/bind-completed": "yes",
                "volume.kubernetes.io/selected-node": "node-3",
                "volume.beta.kubernetes.io/storage-class": "gp2",
                "owner": "payments",
            ],
        ],
        "spec": [
            "accessModes": ["ReadWriteOnce"], "storageClassName": "gp2", "volumeName": "pvc-123",
            "selector": ["matchLabels": ["disk": "fast"]],
            "resources": ["requests": ["storage": "1Gi"]],
        ],
    ]

    @Test("binding fields are removed even without a selection")
    func unbinds() throws {
        let (_, cleaned) = CleanPersistentVolumeClaim().applied(to: try .literal(Self.claim))
        #expect(cleaned[path: "spec", "volumeName"] == nil)
        #expect(cleaned[path: "spec", "selector"] == nil)
        #expect(cleaned.annotations == ["volume.beta.kubernetes.io/storage-class": "gp2", "owner": "payments"])
        #expect(cleaned[path: "spec", "storageClassName"] == "gp2")
    }

    @Test("the plan's storage class, access mode and target name are applied")
    func selectionApplied() throws {
        let selection = PersistentVolumeClaimSelection(storageClassName: "csi-ceph", accessMode: "ReadWriteMany", targetName: "data-new")
        let context = MigrationTransformContext.testing(persistentVolumeClaimSelections: ["shop/data": selection])
        let (_, cleaned) = CleanPersistentVolumeClaim().applied(to: try .literal(Self.claim), context: context)
        #expect(cleaned[path: "spec", "storageClassName"] == "csi-ceph")
        #expect(cleaned[path: "spec", "accessModes"] == ["ReadWriteMany"])
        #expect(cleaned.name == "data-new")
        #expect(cleaned.annotations["volume.beta.kubernetes.io/storage-class"] == nil, "the beta annotation would override the new class")
    }

    @Test("a selection for another claim is not applied")
    func otherSelectionIgnored() throws {
        let context = MigrationTransformContext.testing(persistentVolumeClaimSelections: ["other/data": .init(targetName: "x")])
        #expect(CleanPersistentVolumeClaim().applied(to: try .literal(Self.claim), context: context).1.name == "data")
    }

    @Test("the plan's source:target name mapping is read", arguments: [
        ("data:data-new", "data", "data-new" as String?),
        ("data", "data", nil),
        ("data:data", "data", nil),
    ])
    func nameMapping(mapping: String, source: String, target: String?) {
        let parsed = PersistentVolumeClaimSelection.nameMapping(mapping)
        #expect(parsed.source == source)
        #expect(parsed.selection.targetName == target)
    }

    @Test("a moved volume's claimRef loses the source claim uid and follows the claim rename")
    func volumeClaimRef() throws {
        let volume: KubeObject = try .literal([
            "apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": ["name": "pvc-123", "annotations": ["pv.kubernetes.io/bound-by-controller": "yes"]],
            "spec": ["claimRef": ["kind": "PersistentVolumeClaim", "namespace": "shop", "name": "data", "uid": "u-1", "resourceVersion": "9"]],
        ])
        let context = MigrationTransformContext.testing(
            namespaceMapping: ["shop": "shop-dr"],
            persistentVolumeClaimSelections: ["shop/data": .init(targetName: "data-new", action: .move)]
        )
        let result = TransformPipeline.standard.run([volume], context: context)
        let cleaned = try #require(result.objects.first)
        #expect(cleaned[path: "spec", "claimRef"] == ["kind": "PersistentVolumeClaim", "namespace": "shop-dr", "name": "data-new"])
        #expect(cleaned.annotations.isEmpty)
    }
}

@Suite("RenameClaimReferences")
struct RenameClaimReferencesTests {
    @Test("workload templates and pods mount the renamed claim; other claims and namespaces are untouched")
    func renamesTemplateVolumes() throws {
        let deployment: KubeObject = try .literal([
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "shop"],
            "spec": ["template": ["spec": ["volumes": [
                ["name": "a", "persistentVolumeClaim": ["claimName": "data"]],
                ["name": "b", "persistentVolumeClaim": ["claimName": "logs"]],
                ["name": "c", "emptyDir": [:]],
            ]]]],
        ])
        let context = MigrationTransformContext.testing(
            namespaceMapping: ["shop": "shop-dr"],
            persistentVolumeClaimSelections: ["shop/data": .init(targetName: "data-new")]
        )
        let cleaned = try #require(TransformPipeline.standard.run([deployment], context: context).objects.first)
        #expect(cleaned[path: "spec", "template", "spec", "volumes"] == [
            ["name": "a", "persistentVolumeClaim": ["claimName": "data-new"]],
            ["name": "b", "persistentVolumeClaim": ["claimName": "logs"]],
            ["name": "c", "emptyDir": [:]],
        ])
        var elsewhere = deployment
        elsewhere.namespace = "tools"
        #expect(RenameClaimReferences().applied(to: elsewhere, context: context).1 == elsewhere)
    }
}
