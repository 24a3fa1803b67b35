import KubeClient
public import KubeCore

extension Quiescer {
    /// Waits until no pod of a quiescible workload in `namespaces` is left (pods that
    /// finished, such as those of completed Jobs, do not count).
    ///
    /// - Throws: ``QuiesceError/Code/timedOut`` naming the pods still there.
    public func waitUntilQuiesced(namespaces: [String], timeout: Duration, pollInterval: Duration = .milliseconds(200)) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = try await runningWorkloadPods(in: namespaces)
            if remaining.isEmpty { return }
            if ContinuousClock.now >= deadline {
                let names = remaining.prefix(20).map(\.qualifiedName).joined(separator: ", ")
                let more = remaining.count > 20 ? " and \(remaining.count - 20) more" : ""
                throw QuiesceError(
                    .timedOut,
                    "\(remaining.count) pod(s) of quiesced workloads still exist after \(timeout): \(names)\(more); "
                        + "check their finalizers and termination grace periods, or delete them")
            }
            try await Task.sleep(for: pollInterval)
        }
    }

    /// The pods that a quiescible workload controls and that have not finished.
    public func runningWorkloadPods(in namespaces: [String]) async throws -> [KubeObject] {
        let kinds = try await servedKinds()
        let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
        var remaining: [KubeObject] = []
        for namespace in namespaces {
            var workloadUIDs = Set<String>()
            for (_, resource) in kinds {
                for workload in try await client.listAll(resource, namespace: namespace).items {
                    if let uid = workload.uid { workloadUIDs.insert(uid) }
                }
            }
            guard !workloadUIDs.isEmpty else { continue }
            // Every quiescible kind's pods are controlled directly by one of these kinds
            // (a Deployment's by its ReplicaSets), so one level of owners finds them all.
            for pod in try await client.listAll(pods, namespace: namespace).items {
                guard let owner = pod.controllerReference, workloadUIDs.contains(owner.uid) else { continue }
                let phase = pod[path: "status", "phase"]?.stringValue
                if phase != "Succeeded" && phase != "Failed" { remaining.append(pod) }
            }
        }
        return remaining
    }
}
