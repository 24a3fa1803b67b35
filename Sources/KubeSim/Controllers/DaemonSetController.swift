import KubeCore
import KubeSimStorage

/// Runs one pod of each DaemonSet on every node its pod template's `nodeSelector` matches;
/// a selector no node matches leaves it with no pods (how workloads are quiesced).
struct DaemonSetController: Reconciler {
    let context: ControllerContext

    var name: String { "daemonset" }
    var watchedResources: [GroupResource]? { [Resources.daemonSets, Resources.pods, Resources.nodes] }
    var primaryResource: GroupResource { Resources.daemonSets }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        switch event.resource {
        case Resources.daemonSets: return [ObjectKey(Resources.daemonSets, object: event.object)]
        case Resources.nodes: return cache.keys(Resources.daemonSets)
        default: return ownerKey(of: event.object, kind: "DaemonSet", resource: Resources.daemonSets)
        }
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let set = try context.fetch(key), let uid = set.uid, !set.isBeingDeleted else { return nil }
        let template = set.spec?["template"] ?? [:]
        let revision = NameGenerator.hash(of: template)
        let selector = LabelMatcher(labels: LabelMatcher.stringMap(template["spec"]?["nodeSelector"]))
        let nodes = Set(cache.objects(Resources.nodes, namespace: nil).filter { selector.matches($0.labels) }.map(\.name))
        var onNode: [String: KubeObject] = [:]
        for pod in cache.controlled(by: uid, resource: Resources.pods) where pod.isPodActive {
            let node = pod.string("spec", "nodeName") ?? ""
            // Pods on nodes that no longer fit, duplicates and pods of an old template go.
            if !nodes.contains(node) || onNode[node] != nil || pod.labels[StatefulSetController.revisionLabel] != revision {
                try context.deleteIfPresent(Resources.pods, namespace: pod.namespace, name: pod.name)
                cache.remove(ObjectKey(Resources.pods, object: pod))
            } else {
                onNode[node] = pod
            }
        }
        let podDefinition = try context.definition(Resources.pods)
        for node in nodes.sorted() where onNode[node] == nil {
            var pod = PodTemplate.pod(
                from: template, name: PodTemplate.randomName(for: set.name), owner: set,
                extraLabels: [StatefulSetController.revisionLabel: revision])
            pod[path: "spec", "nodeName"] = .string(node)
            let created = try context.store.create(pod, in: podDefinition)
            cache.upsert(created, resource: Resources.pods)
            onNode[node] = created
        }
        let ready = onNode.values.filter(\.isPodReady).count
        var status = set.status ?? [:]
        status["observedGeneration"] = .int(Int64(set.generation ?? 1))
        status["desiredNumberScheduled"] = .int(Int64(nodes.count))
        status["currentNumberScheduled"] = .int(Int64(onNode.count))
        status["updatedNumberScheduled"] = .int(Int64(onNode.count))
        status["numberMisscheduled"] = 0
        status["numberReady"] = .int(Int64(ready))
        status["numberAvailable"] = .int(Int64(ready))
        status["numberUnavailable"] = nodes.count > ready ? .int(Int64(nodes.count - ready)) : nil
        try context.updateStatus(Resources.daemonSets, of: set, to: status)
        return nil
    }
}
