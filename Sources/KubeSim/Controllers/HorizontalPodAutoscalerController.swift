import KubeCore
import KubeSimStorage

/// Reports each HorizontalPodAutoscaler's target as it is: with no metrics, the desired
/// replica count is the current one.
struct HorizontalPodAutoscalerController: Reconciler {
    let context: ControllerContext

    var name: String { "horizontalpodautoscaler" }
    var watchedResources: [GroupResource]? { [Resources.horizontalPodAutoscalers] }
    var primaryResource: GroupResource { Resources.horizontalPodAutoscalers }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let autoscaler = try context.fetch(key), let target = autoscaler.spec?["scaleTargetRef"] else { return nil }
        let group = GroupVersion(parsing: target["apiVersion"]?.stringValue ?? "apps/v1").group
        guard let kind = target["kind"]?.stringValue, let targetName = target["name"]?.stringValue,
            let definition = context.store.registry.all.first(where: { $0.group == group && $0.kind == kind }),
            let scaled = try context.fetch(ObjectKey(definition.groupResource, namespace: key.namespace, name: targetName))
        else { return nil }
        let replicas = Int64(scaled.int("spec", "replicas") ?? 1)
        var status = autoscaler.status ?? [:]
        status["currentReplicas"] = .int(replicas)
        status["desiredReplicas"] = .int(replicas)
        status["observedGeneration"] = .int(Int64(autoscaler.generation ?? 1))
        try context.updateStatus(Resources.horizontalPodAutoscalers, of: autoscaler, to: status)
        return nil
    }
}
