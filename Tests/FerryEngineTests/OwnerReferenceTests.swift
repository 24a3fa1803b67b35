import FerryEngine
import KubeCore
import Testing

@Suite("DropOwnerReferencesToUnmigrated")
struct OwnerReferenceTests {
    static let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": [
            "name": "web-7d9f-abcde", "namespace": "shop", "uid": "pod-1",
            "ownerReferences": [
                ["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d9f", "uid": "rs-1", "controller": true],
                ["apiVersion": "v1", "kind": "ConfigMap", "name": "keeper", "uid": "cm-1"],
            ],
        ],
        "spec": ["containers": [["name": "web", "image": "nginx"]]],
    ]

    @Test("an object whose controller is migrated is dropped: the owner recreates it")
    func migratedControllerDrops() throws {
        let (outcome, _) = DropOwnerReferencesToUnmigrated().applied(to: try .literal(Self.pod), context: .testing(migratedUIDs: ["rs-1"]))
        guard case .drop(let reason) = outcome else {
            Issue.record("expected a drop, got \(outcome)")
            return
        }
        #expect(reason.contains("ReplicaSet web-7d9f"))
    }

    @Test("the pipeline reports the drop with the transform's name and leaves the object out")
    func pipelineReportsDrop() throws {
        let result = TransformPipeline.standard.run([try .literal(Self.pod)], context: .testing(migratedUIDs: ["rs-1"]))
        #expect(result.transformed.isEmpty)
        #expect(result.dropped.map(\.transform) == ["DropOwnerReferencesToUnmigrated"])
        #expect(result.dropped.first?.object.uid == "pod-1")
    }

    @Test("references to unmigrated owners are removed, references to migrated non-controller owners kept")
    func unmigratedReferencesRemoved() throws {
        let (outcome, cleaned) = DropOwnerReferencesToUnmigrated().applied(to: try .literal(Self.pod), context: .testing(migratedUIDs: ["cm-1"]))
        #expect(outcome == .keep)
        #expect(cleaned.ownerReferences.map(\.uid) == ["cm-1"])

        let (_, orphaned) = DropOwnerReferencesToUnmigrated().applied(to: try .literal(Self.pod))
        #expect(orphaned[path: "metadata", "ownerReferences"] == nil)
    }
}
