import KubeCore
import KubeSimStorage

/// Keeps `spec.replicas` pods of each ReplicaSet (or ReplicationController) and reports them
/// in its status.
struct ReplicaSetController: Reconciler {
    let context: ControllerContext
    /// `replicasets` or `replicationcontrollers`.
    let resource: GroupResource
    /// `ReplicaSet` or `ReplicationController`.
    let kind: String

    static func replicaSets(context: ControllerContext) -> ReplicaSetController {
        ReplicaSetController(context: context, resource: Resources.replicaSets, kind: "ReplicaSet")
    }

    static func replicationControllers(context: ControllerContext) -> ReplicaSetController {
        ReplicaSetController(context: context, resource: Resources.replicationControllers, kind: "ReplicationController")
    }

    var name: String { kind.lowercased() }
    var watchedResources: [GroupResource]? { [resource, Resources.pods] }
    var primaryResource: GroupResource { resource }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        if event.resource == resource { return [ObjectKey(resource, object: event.object)] }
        return ownerKey(of: event.object, kind: kind, resource: resource)
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let owner = try context.fetch(key), let uid = owner.uid, !owner.isBeingDeleted else { return nil }
        let pods = cache.controlled(by: uid, resource: Resources.pods).filter(\.isPodActive)
        let desired = max(owner.int("spec", "replicas") ?? 1, 0)
        let podDefinition = try context.definition(Resources.pods)
        var current = pods
        if pods.count < desired {
            for _ in pods.count..<desired {
                let pod = PodTemplate.pod(from: owner.spec?["template"], name: PodTemplate.randomName(for: owner.name), owner: owner)
                let created = try context.store.create(pod, in: podDefinition)
                cache.upsert(created, resource: Resources.pods)
                current.append(created)
            }
        } else if pods.count > desired {
            // Not-ready and newest pods go first, as the real controller ranks them.
            let victims = pods.sorted { lhs, rhs in
                if lhs.isPodReady != rhs.isPodReady { return !lhs.isPodReady }
                return (lhs.creationTimestamp ?? "") > (rhs.creationTimestamp ?? "")
            }.prefix(pods.count - desired)
            for victim in victims {
                try context.deleteIfPresent(Resources.pods, namespace: victim.namespace, name: victim.name)
                cache.remove(ObjectKey(Resources.pods, object: victim))
            }
            let removed = Set(victims.map(\.name))
            current.removeAll { removed.contains($0.name) }
        }
        let templateLabels = LabelMatcher(labels: LabelMatcher.stringMap(owner.spec?["template"]?["metadata"]?["labels"]))
        let ready = current.filter(\.isPodReady).count
        var status = owner.status ?? [:]
        status["replicas"] = .int(Int64(current.count))
        status["fullyLabeledReplicas"] = .int(Int64(current.filter { templateLabels.matches($0.labels) }.count))
        status["readyReplicas"] = .int(Int64(ready))
        status["availableReplicas"] = .int(Int64(ready))
        status["observedGeneration"] = .int(Int64(owner.generation ?? 1))
        try context.updateStatus(resource, of: owner, to: status)
        return nil
    }
}
