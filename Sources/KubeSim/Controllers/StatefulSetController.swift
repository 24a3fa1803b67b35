import KubeCore
import KubeSimStorage

/// Runs StatefulSets: pods `<set>-0` … `<set>-(n-1)` created in order (with OrderedReady,
/// each only once the previous one is ready), a claim per volume claim template and ordinal
/// that outlives the pod, scale-down from the highest ordinal, and updates by replacing pods
/// of the old revision from the highest ordinal down.
struct StatefulSetController: Reconciler {
    static let revisionLabel = "controller-revision-hash"

    let context: ControllerContext

    var name: String { "statefulset" }
    var watchedResources: [GroupResource]? { [Resources.statefulSets, Resources.pods] }
    var primaryResource: GroupResource { Resources.statefulSets }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        if event.resource == Resources.statefulSets { return [ObjectKey(Resources.statefulSets, object: event.object)] }
        return ownerKey(of: event.object, kind: "StatefulSet", resource: Resources.statefulSets)
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let set = try context.fetch(key), let uid = set.uid, !set.isBeingDeleted else { return nil }
        let desired = max(set.int("spec", "replicas") ?? 1, 0)
        let ordered = (set.string("spec", "podManagementPolicy") ?? "OrderedReady") == "OrderedReady"
        let revision = "\(set.name)-\(NameGenerator.hash(of: set.spec?["template"] ?? [:]))"
        var pods: [Int: KubeObject] = [:]
        for pod in cache.controlled(by: uid, resource: Resources.pods) where !pod.isBeingDeleted {
            if let ordinal = Self.ordinal(of: pod.name, setName: set.name) { pods[ordinal] = pod }
        }
        let terminating = cache.controlled(by: uid, resource: Resources.pods).contains(where: \.isBeingDeleted)
        if !(ordered && terminating) {
            try converge(set, pods: &pods, desired: desired, ordered: ordered, revision: revision, cache: cache)
        }
        try updateStatus(of: set, pods: Array(pods.values), revision: revision)
        return nil
    }

    private func converge(_ set: KubeObject, pods: inout [Int: KubeObject], desired: Int, ordered: Bool, revision: String, cache: ObjectCache) throws {
        for ordinal in 0..<desired {
            if let pod = pods[ordinal] {
                if ordered && !pod.isPodReady { return }
                continue
            }
            try createClaims(for: set, ordinal: ordinal)
            let created = try context.store.create(pod(for: set, ordinal: ordinal, revision: revision), in: context.definition(Resources.pods))
            cache.upsert(created, resource: Resources.pods)
            pods[ordinal] = created
            if ordered { return }
        }
        let extra = pods.keys.filter { $0 >= desired }.sorted(by: >)
        for ordinal in extra {
            if let pod = pods.removeValue(forKey: ordinal) { try delete(pod, cache: cache) }
            if ordered { return }
        }
        // Rolling update: once every pod is ready, replace the highest one still on an old revision.
        guard pods.values.allSatisfy(\.isPodReady), set.string("spec", "updateStrategy", "type") != "OnDelete" else { return }
        let partition = set.int("spec", "updateStrategy", "rollingUpdate", "partition") ?? 0
        if let stale = pods.keys.sorted(by: >).first(where: { $0 >= partition && pods[$0]?.labels[Self.revisionLabel] != revision }),
            let pod = pods.removeValue(forKey: stale)
        {
            try delete(pod, cache: cache)
        }
    }

    private func delete(_ pod: KubeObject, cache: ObjectCache) throws {
        try context.deleteIfPresent(Resources.pods, namespace: pod.namespace, name: pod.name)
        cache.remove(ObjectKey(Resources.pods, object: pod))
    }

    private func pod(for set: KubeObject, ordinal: Int, revision: String) -> KubeObject {
        let name = "\(set.name)-\(ordinal)"
        var pod = PodTemplate.pod(
            from: set.spec?["template"], name: name, owner: set,
            extraLabels: [
                Self.revisionLabel: revision, "statefulset.kubernetes.io/pod-name": name,
                "apps.kubernetes.io/pod-index": String(ordinal),
            ])
        pod[path: "spec", "hostname"] = .string(name)
        if let serviceName = set.string("spec", "serviceName") { pod[path: "spec", "subdomain"] = .string(serviceName) }
        var volumes = pod.spec?["volumes"]?.arrayValue ?? []
        for template in Self.claimTemplates(of: set) {
            let volumeName = template["metadata"]?["name"]?.stringValue ?? ""
            volumes.removeAll { $0["name"]?.stringValue == volumeName }
            volumes.append(["name": .string(volumeName), "persistentVolumeClaim": ["claimName": .string("\(volumeName)-\(set.name)-\(ordinal)")]])
        }
        if !volumes.isEmpty { pod[path: "spec", "volumes"] = .array(volumes) }
        return pod
    }

    /// Creates the missing claims of one ordinal; they are not owned, so they outlive the pod.
    private func createClaims(for set: KubeObject, ordinal: Int) throws {
        let definition = try context.definition(Resources.persistentVolumeClaims)
        for template in Self.claimTemplates(of: set) {
            let templateName = template["metadata"]?["name"]?.stringValue ?? ""
            let name = "\(templateName)-\(set.name)-\(ordinal)"
            guard try context.fetch(ObjectKey(Resources.persistentVolumeClaims, namespace: set.namespace, name: name)) == nil else { continue }
            var claim = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: name, namespace: set.namespace)
            var labels = LabelMatcher.stringMap(template["metadata"]?["labels"])
            labels.merge(LabelMatcher.stringMap(set.spec?["selector"]?["matchLabels"])) { current, _ in current }
            claim.labels = labels
            claim.annotations = LabelMatcher.stringMap(template["metadata"]?["annotations"])
            claim.spec = template["spec"] ?? [:]
            try tolerating(\.isAlreadyExists) { () throws(KubeAPIError) in
                _ = try context.store.create(claim, in: definition)
            }
        }
    }

    private func updateStatus(of set: KubeObject, pods: [KubeObject], revision: String) throws {
        let updated = pods.filter { $0.labels[Self.revisionLabel] == revision }.count
        let ready = pods.filter(\.isPodReady).count
        var status = set.status ?? [:]
        let previousCurrent = set.string("status", "currentRevision") ?? revision
        let desired = max(set.int("spec", "replicas") ?? 1, 0)
        let complete = updated == pods.count && pods.count == desired
        let current = complete ? revision : previousCurrent
        status["observedGeneration"] = .int(Int64(set.generation ?? 1))
        status["replicas"] = .int(Int64(pods.count))
        status["readyReplicas"] = .int(Int64(ready))
        status["availableReplicas"] = .int(Int64(ready))
        status["currentReplicas"] = .int(Int64(pods.filter { $0.labels[Self.revisionLabel] == current }.count))
        status["updatedReplicas"] = .int(Int64(updated))
        status["currentRevision"] = .string(current)
        status["updateRevision"] = .string(revision)
        status["collisionCount"] = .int(0)
        try context.updateStatus(Resources.statefulSets, of: set, to: status)
    }

    static func claimTemplates(of set: KubeObject) -> [JSONValue] {
        set.spec?["volumeClaimTemplates"]?.arrayValue ?? []
    }

    static func ordinal(of podName: String, setName: String) -> Int? {
        guard podName.hasPrefix(setName + "-") else { return nil }
        return Int(podName.dropFirst(setName.count + 1))
    }
}
