import KubeClient
import KubeCore

/// Namespaces and objects on the sandbox clusters.
enum BenchCluster {
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

    /// Creates `objects` with `concurrency` requests in flight.
    static func create(_ objects: [KubeObject], _ client: KubeClient, concurrency: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = objects[...]
            for _ in 0..<min(concurrency, objects.count) {
                let object = pending.removeFirst()
                group.addTask { _ = try await client.create(object) }
            }
            while try await group.next() != nil {
                if let object = pending.popFirst() {
                    group.addTask { _ = try await client.create(object) }
                }
            }
        }
    }

    /// Objects of `kinds` in `namespace` that carry the benchmark's label with value `set`.
    static func count(_ kinds: [(apiVersion: String, kind: String)], set: String, namespace: String, _ client: KubeClient) async throws -> Int {
        var total = 0
        for kind in kinds {
            let list = try await client.listAll(
                apiVersion: kind.apiVersion, kind: kind.kind, namespace: namespace,
                options: ListOptions(labelSelector: "\(BenchObjects.label)=\(set)"))
            total += list.items.count
        }
        return total
    }

    static let smallKinds: [(apiVersion: String, kind: String)] = [
        ("apps/v1", "Deployment"), ("v1", "Service"), ("v1", "ServiceAccount"), ("rbac.authorization.k8s.io/v1", "Role"),
        ("rbac.authorization.k8s.io/v1", "RoleBinding"), ("v1", "ConfigMap"), ("v1", "Secret"),
    ]

    static let bulkKinds: [(apiVersion: String, kind: String)] = [("v1", "ConfigMap"), ("v1", "Secret")]
}
