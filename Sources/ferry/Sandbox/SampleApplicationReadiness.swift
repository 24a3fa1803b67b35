import KubeClient
import KubeCore

/// Waits until a namespace's workloads report every replica ready and its claims are bound.
enum SampleApplicationReadiness {
    /// A workload or claim that did not become ready in time.
    struct NotReady: Error, CustomStringConvertible {
        var pending: [String]
        var description: String {
            "the sample application did not become ready in time; still waiting for: \(pending.joined(separator: ", "))"
        }
    }

    static func wait(_ client: KubeClient, namespace: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let pending = try await pendingParts(client, namespace: namespace)
            if pending.isEmpty { return }
            if ContinuousClock.now >= deadline { throw NotReady(pending: pending) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Human names of what is not ready yet, such as `deployment web (1/3 available)`.
    static func pendingParts(_ client: KubeClient, namespace: String) async throws -> [String] {
        var pending: [String] = []
        for deployment in try await client.listAll(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace).items {
            let wanted = deployment[path: "spec", "replicas"]?.intValue ?? 1
            let available = deployment[path: "status", "availableReplicas"]?.intValue ?? 0
            if available < wanted { pending.append("deployment \(deployment.name) (\(available)/\(wanted) available)") }
        }
        for statefulSet in try await client.listAll(apiVersion: "apps/v1", kind: "StatefulSet", namespace: namespace).items {
            let wanted = statefulSet[path: "spec", "replicas"]?.intValue ?? 1
            let ready = statefulSet[path: "status", "readyReplicas"]?.intValue ?? 0
            if ready < wanted { pending.append("statefulset \(statefulSet.name) (\(ready)/\(wanted) ready)") }
        }
        for claim in try await client.listAll(apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: namespace).items {
            let phase = claim[path: "status", "phase"]?.stringValue ?? "Pending"
            if phase != "Bound" { pending.append("persistentvolumeclaim \(claim.name) (\(phase))") }
        }
        return pending
    }
}
