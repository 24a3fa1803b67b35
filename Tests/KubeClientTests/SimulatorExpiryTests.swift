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
}
