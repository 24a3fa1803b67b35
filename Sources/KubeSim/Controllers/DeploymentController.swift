import KubeCore
import KubeSimStorage

/// Rolls Deployments out through ReplicaSets named `<deployment>-<pod-template-hash>`: the
/// ReplicaSet of the current template is scaled to `spec.replicas`, older ones to zero (a
/// recreate rollout), and the status carries what `kubectl rollout status` reads.
struct DeploymentController: Reconciler {
    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let hashLabel = "pod-template-hash"

    let context: ControllerContext

    var name: String { "deployment" }
    var watchedResources: [GroupResource]? { [Resources.deployments, Resources.replicaSets] }
    var primaryResource: GroupResource { Resources.deployments }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        if event.resource == Resources.deployments { return [ObjectKey(Resources.deployments, object: event.object)] }
        return ownerKey(of: event.object, kind: "Deployment", resource: Resources.deployments)
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard var deployment = try context.fetch(key), let uid = deployment.uid, !deployment.isBeingDeleted else { return nil }
        let desired = max(deployment.int("spec", "replicas") ?? 1, 0)
        let template = deployment.spec?["template"] ?? [:]
        let hash = NameGenerator.hash(of: template)
        var owned = cache.controlled(by: uid, resource: Resources.replicaSets)
        let paused = deployment.spec?["paused"]?.boolValue ?? false
        var newSet = owned.first { $0.labels[Self.hashLabel] == hash }
        if !paused {
            let definition = try context.definition(Resources.replicaSets)
            func revision(of replicaSet: KubeObject) -> Int { Int(replicaSet.annotations[Self.revisionAnnotation] ?? "") ?? 0 }
            if let current = newSet {
                // A template seen before (a rollback) becomes the newest revision again.
                let newestOther = owned.filter { $0.name != current.name }.map(revision).max() ?? 0
                let wanted = revision(of: current) > newestOther ? revision(of: current) : newestOther + 1
                if current.int("spec", "replicas") != desired || revision(of: current) != wanted {
                    let scaled = try context.store.modify(definition, namespace: current.namespace, name: current.name) { object in
                        object[path: "spec", "replicas"] = .int(Int64(desired))
                        object.annotations[Self.revisionAnnotation] = String(wanted)
                    }
                    cache.upsert(scaled, resource: Resources.replicaSets)
                    newSet = scaled
                }
            } else {
                let next = (owned.map(revision).max() ?? 0) + 1
                let created = try context.store.create(replicaSet(for: deployment, hash: hash, revision: next), in: definition)
                cache.upsert(created, resource: Resources.replicaSets)
                owned.append(created)
                newSet = created
            }
            for old in owned where old.name != newSet?.name && old.int("spec", "replicas") != 0 {
                let scaled = try context.store.modify(definition, namespace: old.namespace, name: old.name) { object in
                    object[path: "spec", "replicas"] = 0
                }
                cache.upsert(scaled, resource: Resources.replicaSets)
            }
            owned = cache.controlled(by: uid, resource: Resources.replicaSets)
            if let revision = newSet?.annotations[Self.revisionAnnotation], deployment.annotations[Self.revisionAnnotation] != revision {
                deployment = try context.store.modify(try context.definition(Resources.deployments), namespace: deployment.namespace, name: deployment.name) { object in
                    object.annotations[Self.revisionAnnotation] = revision
                }
            }
        } else if let current = newSet ?? owned.max(by: { revisionNumber($0) < revisionNumber($1) }), current.int("spec", "replicas") != desired {
            // A paused Deployment rolls nothing out, but it still scales, as Kubernetes does:
            // the current replica set follows spec.replicas.
            let scaled = try context.store.modify(try context.definition(Resources.replicaSets), namespace: current.namespace, name: current.name) { object in
                object[path: "spec", "replicas"] = .int(Int64(desired))
            }
            cache.upsert(scaled, resource: Resources.replicaSets)
            if newSet != nil { newSet = scaled }
            owned = cache.controlled(by: uid, resource: Resources.replicaSets)
        }
        try context.updateStatus(Resources.deployments, of: deployment, to: status(of: deployment, desired: desired, newSet: newSet, owned: owned, paused: paused))
        return nil
    }

    private func revisionNumber(_ replicaSet: KubeObject) -> Int {
        Int(replicaSet.annotations[Self.revisionAnnotation] ?? "") ?? 0
    }

    private func replicaSet(for deployment: KubeObject, hash: String, revision: Int) -> KubeObject {
        var replicaSet = KubeObject(apiVersion: "apps/v1", kind: "ReplicaSet", name: "\(deployment.name)-\(hash)", namespace: deployment.namespace)
        var template = deployment.spec?["template"] ?? [:]
        var templateLabels = LabelMatcher.stringMap(template["metadata"]?["labels"])
        templateLabels[Self.hashLabel] = hash
        template[path: ["metadata", "labels"]] = .object(templateLabels.mapValues(JSONValue.string))
        var selector = deployment.spec?["selector"] ?? [:]
        var matchLabels = LabelMatcher.stringMap(selector["matchLabels"])
        matchLabels[Self.hashLabel] = hash
        selector["matchLabels"] = .object(matchLabels.mapValues(JSONValue.string))
        replicaSet.labels = templateLabels
        var annotations = deployment.annotations.filter { $0.key != "kubectl.kubernetes.io/last-applied-configuration" }
        annotations[Self.revisionAnnotation] = String(revision)
        annotations["deployment.kubernetes.io/desired-replicas"] = String(deployment.int("spec", "replicas") ?? 1)
        replicaSet.annotations = annotations
        replicaSet.ownerReferences = [OwnerReference(controlledBy: deployment)]
        replicaSet.spec = [
            "replicas": .int(Int64(max(deployment.int("spec", "replicas") ?? 1, 0))),
            "minReadySeconds": .int(Int64(deployment.int("spec", "minReadySeconds") ?? 0)),
            "selector": selector, "template": template,
        ]
        return replicaSet
    }

    private func status(of deployment: KubeObject, desired: Int, newSet: KubeObject?, owned: [KubeObject], paused: Bool) -> JSONValue {
        func total(_ field: String) -> Int { owned.reduce(0) { $0 + ($1.int("status", field) ?? 0) } }
        let replicas = total("replicas")
        let available = total("availableReplicas")
        let updated = newSet?.int("status", "replicas") ?? 0
        var status = deployment.status ?? [:]
        status["observedGeneration"] = .int(Int64(deployment.generation ?? 1))
        status["replicas"] = .int(Int64(replicas))
        status["updatedReplicas"] = .int(Int64(updated))
        status["readyReplicas"] = .int(Int64(total("readyReplicas")))
        status["availableReplicas"] = .int(Int64(available))
        if replicas > available { status["unavailableReplicas"] = .int(Int64(replicas - available)) } else { status["unavailableReplicas"] = nil }
        if available >= desired {
            status.setCondition("Available", status: true, reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability.", extraTimes: ["lastUpdateTime"])
        } else {
            status.setCondition("Available", status: false, reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability.", extraTimes: ["lastUpdateTime"])
        }
        let setName = newSet?.name ?? deployment.name
        if paused {
            status.setCondition("Progressing", status: false, reason: "DeploymentPaused", message: "Deployment is paused", extraTimes: ["lastUpdateTime"])
        } else if updated == desired && available >= desired && replicas == updated {
            status.setCondition("Progressing", status: true, reason: "NewReplicaSetAvailable", message: "ReplicaSet \"\(setName)\" has successfully progressed.", extraTimes: ["lastUpdateTime"])
        } else {
            status.setCondition("Progressing", status: true, reason: "ReplicaSetUpdated", message: "ReplicaSet \"\(setName)\" is progressing.", extraTimes: ["lastUpdateTime"])
        }
        return status
    }
}
