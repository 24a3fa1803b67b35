import FerryEngine
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Moving a volume between simulated clusters")
struct VolumeMoveTests {
    @Test("a moved volume binds to the claim on the destination, keeps its data and stays on the source", .timeLimit(.minutes(1)))
    func moveBindsOnDestination() async throws {
        let sourceState = try QuiesceSimulator.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: sourceState) }
        try await QuiesceSimulator.withClient("source", stateDirectory: sourceState) { _, source in
            try await QuiesceSimulator.create("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: shop}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """, client: source)
            var sourceClaim = try await source.get(apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: "shop")
            try await QuiesceSimulator.waitUntil("the source claim is bound") {
                sourceClaim = try await source.get(apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: "shop")
                return sourceClaim[path: "status", "phase"] == "Bound"
            }
            let volumeName = try #require(sourceClaim[path: "spec", "volumeName"]?.stringValue)
            let sourceVolume = try await source.get(apiVersion: "v1", kind: "PersistentVolume", name: volumeName)
            let originalPolicy = try #require(sourceVolume[path: "spec", "persistentVolumeReclaimPolicy"]?.stringValue)
            let path = try #require(sourceVolume[path: "spec", "hostPath", "path"]?.stringValue)
            try Data("orders".utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent("orders.db"))

            let retention = SourceVolumeRetention(client: source, logger: QuiesceSimulator.logger)
            #expect(try await retention.retain(volumeNames: [volumeName]) == (originalPolicy == "Retain" ? [] : [volumeName]))
            #expect(try await retention.retain(volumeNames: [volumeName]).isEmpty, "retaining twice changes nothing")
            let retained = try await source.get(apiVersion: "v1", kind: "PersistentVolume", name: volumeName)
            #expect(retained[path: "spec", "persistentVolumeReclaimPolicy"] == "Retain")

            let context = MigrationTransformContext.testing(
                namespaceMapping: ["shop": "shop-dr"], persistentVolumeClaimSelections: ["shop/data": .init(action: .move)])
            let result = TransformPipeline.standard.run([retained, sourceClaim], context: context)
            #expect(result.dropped.isEmpty)

            try await QuiesceSimulator.withClient("destination") { _, destination in
                _ = try await destination.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "shop-dr"))
                for object in result.objects { _ = try await destination.create(object) }
                var claim = KubeObject()
                try await QuiesceSimulator.waitUntil("the destination claim is bound") {
                    claim = try await destination.get(apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: "shop-dr")
                    return claim[path: "status", "phase"] == "Bound"
                }
                #expect(claim[path: "spec", "volumeName"]?.stringValue == volumeName)
                let moved = try await destination.get(apiVersion: "v1", kind: "PersistentVolume", name: volumeName)
                #expect(moved[path: "spec", "claimRef", "uid"]?.stringValue == claim.uid)
                #expect(moved[path: "spec", "claimRef", "namespace"] == "shop-dr")
                #expect(moved[path: "spec", "hostPath", "path"]?.stringValue == path)
                #expect(moved[path: "spec", "persistentVolumeReclaimPolicy"] == "Retain")
                try await QuiesceSimulator.waitUntil("the destination volume is bound") {
                    try await destination.get(apiVersion: "v1", kind: "PersistentVolume", name: volumeName)[path: "status", "phase"] == "Bound"
                }
            }
            #expect(try String(contentsOfFile: path + "/orders.db", encoding: .utf8) == "orders")
            let stillThere = try await source.get(apiVersion: "v1", kind: "PersistentVolume", name: volumeName)
            #expect(stillThere[path: "spec", "claimRef", "namespace"] == "shop")

            #expect(try await retention.restore(volumeNames: [volumeName]) == (originalPolicy == "Retain" ? [] : [volumeName]))
            let restored = try await source.get(apiVersion: "v1", kind: "PersistentVolume", name: volumeName)
            #expect(restored[path: "spec", "persistentVolumeReclaimPolicy"]?.stringValue == originalPolicy)
            #expect(restored.annotations[SourceVolumeRetention.originalPolicyAnnotation] == nil)
            #expect(try await retention.restore(volumeNames: [volumeName]).isEmpty, "restoring twice changes nothing")
        }
    }
}
