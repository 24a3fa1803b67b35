import KubeCore
import KubeSimStorage

/// Runs OpenShift DeploymentConfigs: version `n` is a ReplicationController `<dc>-<n>` scaled
/// to `spec.replicas`, older versions are scaled to zero, and a template change (with a
/// ConfigChange trigger) starts the next version.
struct DeploymentConfigController: Reconciler {
    static let nameAnnotation = "openshift.io/deployment-config.name"
    static let versionAnnotation = "openshift.io/deployment-config.latest-version"
    static let templateHashAnnotation = "ferry.dev/template-hash"

    let context: ControllerContext

    var name: String { "deploymentconfig" }
    var watchedResources: [GroupResource]? { [Resources.deploymentConfigs, Resources.replicationControllers] }
    var primaryResource: GroupResource { Resources.deploymentConfigs }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        if event.resource == Resources.deploymentConfigs { return [ObjectKey(Resources.deploymentConfigs, object: event.object)] }
        return ownerKey(of: event.object, kind: "DeploymentConfig", resource: Resources.deploymentConfigs)
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard var config = try context.fetch(key), let uid = config.uid, !config.isBeingDeleted else { return nil }
        let desired = max(config.int("spec", "replicas") ?? 1, 0)
        let hash = NameGenerator.hash(of: config.spec?["template"] ?? [:])
        let owned = cache.controlled(by: uid, resource: Resources.replicationControllers)
        var version = config.int("status", "latestVersion") ?? 0
        let latest = owned.first { $0.name == "\(config.name)-\(version)" }
        let configChange = (config.spec?["triggers"]?.arrayValue ?? [["type": "ConfigChange"]]).contains { $0["type"]?.stringValue == "ConfigChange" }
        if version == 0 || (configChange && latest != nil && latest?.annotations[Self.templateHashAnnotation] != hash) {
            version += 1
        }
        let definition = try context.definition(Resources.replicationControllers)
        let controllerName = "\(config.name)-\(version)"
        var current = owned.first { $0.name == controllerName }
        if current == nil {
            let created = try context.store.create(replicationController(for: config, version: version, hash: hash), in: definition)
            cache.upsert(created, resource: Resources.replicationControllers)
            current = created
        } else if let existing = current, existing.int("spec", "replicas") != desired {
            current = try context.store.modify(definition, namespace: existing.namespace, name: existing.name) { $0[path: "spec", "replicas"] = .int(Int64(desired)) }
        }
        for old in owned where old.name != controllerName && old.int("spec", "replicas") != 0 {
            try context.store.modify(definition, namespace: old.namespace, name: old.name) { $0[path: "spec", "replicas"] = 0 }
        }
        if config.int("status", "latestVersion") != version {
            config = try context.store.modify(context.definition(Resources.deploymentConfigs), namespace: key.namespace, name: key.name, subresource: "status") { object in
                object[path: "status", "latestVersion"] = .int(Int64(version))
            }
        }
        let all = cache.controlled(by: uid, resource: Resources.replicationControllers)
        func total(_ field: String) -> Int { all.reduce(0) { $0 + ($1.int("status", field) ?? 0) } }
        let available = total("availableReplicas")
        let updated = current?.int("status", "replicas") ?? 0
        var status = config.status ?? [:]
        status["latestVersion"] = .int(Int64(version))
        status["observedGeneration"] = .int(Int64(config.generation ?? 1))
        status["replicas"] = .int(Int64(total("replicas")))
        status["readyReplicas"] = .int(Int64(total("readyReplicas")))
        status["availableReplicas"] = .int(Int64(available))
        status["updatedReplicas"] = .int(Int64(updated))
        status["unavailableReplicas"] = .int(Int64(max(total("replicas") - available, 0)))
        status["details"] = ["message": "config change", "causes": [["type": "ConfigChange"]]]
        status.setCondition("Available", status: available >= desired, reason: available >= desired ? nil : "MinimumReplicasUnavailable",
                            message: available >= desired ? "Deployment config has minimum availability." : "Deployment config does not have minimum availability.",
                            extraTimes: ["lastUpdateTime"])
        let complete = updated == desired && available >= desired
        status.setCondition("Progressing", status: true, reason: complete ? "NewReplicationControllerAvailable" : "ReplicationControllerUpdated",
                            message: complete ? "replication controller \"\(controllerName)\" successfully rolled out" : "replication controller \"\(controllerName)\" is progressing",
                            extraTimes: ["lastUpdateTime"])
        try context.updateStatus(Resources.deploymentConfigs, of: config, to: status)
        return nil
    }

    private func replicationController(for config: KubeObject, version: Int, hash: String) -> KubeObject {
        let name = "\(config.name)-\(version)"
        var controller = KubeObject(apiVersion: "v1", kind: "ReplicationController", name: name, namespace: config.namespace)
        controller.labels = ["openshift.io/deployment-config.name": config.name]
        controller.annotations = [
            Self.nameAnnotation: config.name, Self.versionAnnotation: String(version), Self.templateHashAnnotation: hash,
            "openshift.io/deployment.phase": "Complete", "openshift.io/deployment.replicas": String(config.int("spec", "replicas") ?? 1),
            "openshift.io/encoded-deployment-config": config.json.serializedString(),
        ]
        controller.ownerReferences = [OwnerReference(controlledBy: config)]
        var template = config.spec?["template"] ?? [:]
        var labels = LabelMatcher.stringMap(template["metadata"]?["labels"])
        labels["deployment"] = name
        labels["deploymentconfig"] = config.name
        template[path: ["metadata", "labels"]] = .object(labels.mapValues(JSONValue.string))
        var annotations = LabelMatcher.stringMap(template["metadata"]?["annotations"])
        annotations["openshift.io/deployment-config.name"] = config.name
        annotations["openshift.io/deployment-config.latest-version"] = String(version)
        annotations["openshift.io/deployment.name"] = name
        template[path: ["metadata", "annotations"]] = .object(annotations.mapValues(JSONValue.string))
        var selector = LabelMatcher.stringMap(config.spec?["selector"])
        selector["deployment"] = name
        selector["deploymentconfig"] = config.name
        controller.spec = [
            "replicas": .int(Int64(max(config.int("spec", "replicas") ?? 1, 0))),
            "selector": .object(selector.mapValues(JSONValue.string)), "template": template,
        ]
        return controller
    }
}
