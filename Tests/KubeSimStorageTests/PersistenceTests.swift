import Foundation
import KubeCore
import KubeSimStorage
import Testing

@Suite("Persistence")
struct PersistenceTests {
    @Test("objects written by one store are read back by a new store on the same directory")
    func roundTrip() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var expected: [KubeObject] = []
        let lastVersion: UInt64
        do {
            let store = try TestSupport.store(stateDirectory: directory)
            for index in 0..<20 {
                _ = try store.create(TestSupport.configMap("cm-\(index)", data: ["i": .string(String(index))]), in: TestSupport.configMaps)
            }
            try store.modify(TestSupport.configMaps, namespace: "default", name: "cm-3") { $0["data"] = ["i": "changed"] }
            try store.delete(TestSupport.configMaps, namespace: "default", name: "cm-4")
            expected = try store.list(TestSupport.configMaps, namespace: nil).items
            lastVersion = store.currentResourceVersion
        }
        let reopened = try ObjectStore(registry: ResourceRegistry(), stateDirectory: directory)
        #expect(try reopened.list(TestSupport.configMaps, namespace: nil).items == expected)
        #expect(reopened.currentResourceVersion == lastVersion)
        let next = try reopened.create(TestSupport.configMap("after"), in: TestSupport.configMaps)
        #expect(UInt64(next.resourceVersion ?? "") == lastVersion + 1)
    }

    @Test("a truncated final log line is ignored; every complete line before it counts")
    func truncatedLog() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try TestSupport.store(stateDirectory: directory)
            _ = try store.create(TestSupport.configMap("kept"), in: TestSupport.configMaps)
            _ = try store.create(TestSupport.configMap("torn"), in: TestSupport.configMaps)
        }
        let logPath = directory + "/objects.log"
        let log = try Data(contentsOf: URL(fileURLWithPath: logPath))
        // Cut the final record in half, as a kill -9 in the middle of a write would.
        try log.prefix(log.count - 40).write(to: URL(fileURLWithPath: logPath))
        let reopened = try ObjectStore(registry: ResourceRegistry(), stateDirectory: directory)
        #expect(try reopened.list(TestSupport.configMaps, namespace: nil).items.map(\.name) == ["kept"])
        _ = try reopened.create(TestSupport.configMap("torn"), in: TestSupport.configMaps)
    }

    @Test("custom resources and their definitions survive a restart")
    func customResources() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let crd = try TestSupport.object("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},"versions":[{"name":"v1","served":true,"storage":true}]}}
            """)
        do {
            let store = try TestSupport.store(stateDirectory: directory)
            _ = try store.create(crd, in: TestSupport.crds)
            let widgets = try #require(store.registry.definition(group: "example.com", version: "v1", resource: "widgets"))
            _ = try store.create(KubeObject(apiVersion: "example.com/v1", kind: "Widget", name: "w", namespace: "default"), in: widgets)
            store.close()
        }
        let reopened = try ObjectStore(registry: ResourceRegistry(), stateDirectory: directory)
        let widgets = try #require(reopened.registry.definition(group: "example.com", version: "v1", resource: "widgets"))
        #expect(try reopened.get(widgets, namespace: "default", name: "w").kind == "Widget")
    }

    @Test("the log is compacted into the snapshot when it grows past the threshold")
    func compaction() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try ObjectStore(registry: ResourceRegistry(), stateDirectory: directory, compactionThreshold: 4096)
            _ = try store.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "default"), in: TestSupport.namespaces)
            for index in 0..<100 { _ = try store.create(TestSupport.configMap("cm-\(index)"), in: TestSupport.configMaps) }
            let logSize = try FileManager.default.attributesOfItem(atPath: directory + "/objects.log")[.size] as? Int ?? 0
            #expect(logSize < 4096 + 1024)
        }
        let reopened = try ObjectStore(registry: ResourceRegistry(), stateDirectory: directory)
        #expect(try reopened.list(TestSupport.configMaps, namespace: nil).items.count == 100)
    }
}
