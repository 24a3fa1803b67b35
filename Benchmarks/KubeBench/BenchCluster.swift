import KubeClient
import KubeCore

/// Objects and namespaces the benchmarks create.
enum BenchCluster {
    /// A ConfigMap of about 1 KiB, the size of a typical application config entry.
    static func configMap(_ index: Int, namespace: String) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "bench-\(index)", namespace: namespace)
        object.labels = ["app": "bench", "shard": "s\(index % 10)"]
        object["data"] = ["payload": .string(String(repeating: "x", count: 1000)), "index": .string(String(index))]
        return object
    }

    /// A `v1` `List` of ConfigMaps, as `kubectl create -f` accepts.
    static func configMapList(count: Int, namespace: String) -> JSONValue {
        .object(["apiVersion": "v1", "kind": "List", "items": .array((0..<count).map { configMap($0, namespace: namespace).json })])
    }

    /// Deletes the namespace if present, waits until it is gone, creates it anew.
    static func recreateNamespace(_ name: String, _ client: KubeClient) async throws {
        do {
            _ = try await client.delete(apiVersion: "v1", kind: "Namespace", name: name)
        } catch let error as KubeAPIError where error.isNotFound {}
        while true {
            do {
                _ = try await client.get(apiVersion: "v1", kind: "Namespace", name: name)
                try await Task.sleep(for: .milliseconds(50))
            } catch let error as KubeAPIError where error.isNotFound {
                break
            }
        }
        _ = try await client.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: name))
    }

    /// Creates ConfigMaps with `concurrency` requests in flight.
    static func createConfigMaps(_ client: KubeClient, namespace: String, range: Range<Int>, concurrency: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = range.lowerBound
            for _ in 0..<min(concurrency, range.count) {
                let index = next
                next += 1
                group.addTask { _ = try await client.create(configMap(index, namespace: namespace)) }
            }
            while try await group.next() != nil {
                if next < range.upperBound {
                    let index = next
                    next += 1
                    group.addTask { _ = try await client.create(configMap(index, namespace: namespace)) }
                }
            }
        }
    }

    /// ConfigMaps in every namespace: the bulk of what the sandbox holds in these runs.
    static func objectCount(_ client: KubeClient) async throws -> Int {
        let list = try await client.list(GroupVersionResource(group: "", version: "v1", resource: "configmaps"))
        return list.items.count
    }
}
