import KubeClient
import KubeCore
import KubeSim
import KubeSimStorage
import Testing

// Apart from the other simulator tests: KubeSimStorage has its own ListOptions and WatchEvent.
@Suite("watch expiry on the simulator")
struct SimulatorExpiryTests {
    @Test("a watch from a compacted version gets a 410 ERROR event")
    func expiredWatch() async throws {
        try await withSimulator { cluster, client, namespace in
            let start = try await client.list(Resources.configMaps, namespace: namespace).resourceVersion
            // Push the start version out of the store's watch history.
            let definition = try #require(cluster.registry.definition(for: GroupResource(group: "", resource: "configmaps")))
            for index in 0..<10_050 {
                _ = try cluster.store.create(configMap("churn-\(index)", namespace: namespace), in: definition, namespace: namespace)
            }
            var iterator = client.watch(Resources.configMaps, namespace: namespace, options: .init(resourceVersion: start)).makeAsyncIterator()
            let event = try await iterator.next()
            #expect(event?.type == .error)
            #expect(event?.error?.isGone == true)
        }
    }

    @Test("list-watch re-lists after its version is compacted away and emits the difference")
    func listWatchRelists() async throws {
        try await withSimulator { cluster, client, namespace in
            let labels = ["watched": "yes"]
            _ = try await client.create(Resources.configMaps, configMap("keep", namespace: namespace, labels: labels))
            _ = try await client.create(Resources.configMaps, configMap("gone", namespace: namespace, labels: labels))
            var iterator = client.listWatch(Resources.configMaps, namespace: namespace, options: .init(labelSelector: "watched=yes")).makeAsyncIterator()
            var initial: Set<String> = []
            for _ in 0..<2 {
                if let event = try await iterator.next() { initial.insert("\(event.type.rawValue) \(event.object.name)") }
            }
            #expect(initial == ["ADDED keep", "ADDED gone"])
            // The watch opens on the next call, from the list's version, which churn below
            // pushes out of the store's history.
            let definition = try #require(cluster.registry.definition(for: GroupResource(group: "", resource: "configmaps")))
            for index in 0..<10_050 {
                _ = try cluster.store.create(configMap("churn-\(index)", namespace: namespace), in: definition, namespace: namespace)
            }
            try await client.delete(Resources.configMaps, name: "gone", namespace: namespace)
            _ = try await client.create(Resources.configMaps, configMap("new", namespace: namespace, labels: labels))
            _ = try await client.patch(Resources.configMaps, name: "keep", namespace: namespace, patch: .merge(["data": ["changed": "yes"]]))
            var changes: Set<String> = []
            while changes.count < 3, let event = try await iterator.next() {
                if event.type != .bookmark { changes.insert("\(event.type.rawValue) \(event.object.name)") }
            }
            #expect(changes == ["DELETED gone", "ADDED new", "MODIFIED keep"])
            #expect(iterator.listCount == 2)
        }
    }
}
