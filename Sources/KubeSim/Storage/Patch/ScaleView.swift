public import KubeCore

/// The `autoscaling/v1` `Scale` view of a scalable object (the `scale` subresource).
public enum ScaleView {
    /// The Scale object for `object`.
    public static func scale(of object: KubeObject) -> KubeObject {
        var scale = KubeObject(apiVersion: "autoscaling/v1", kind: "Scale", name: object.name, namespace: object.namespace)
        var metadata = scale.metadata
        metadata["uid"] = object.uid.map(JSONValue.string)
        metadata["resourceVersion"] = object.resourceVersion.map(JSONValue.string)
        metadata["creationTimestamp"] = object.creationTimestamp.map(JSONValue.string)
        scale.metadata = metadata
        scale.spec = ["replicas": object[path: "spec", "replicas"] ?? 0]
        var status: JSONObject = ["replicas": object[path: "status", "replicas"] ?? 0]
        if let selector = object[path: "status", "selector"]?.stringValue {
            status["selector"] = .string(selector)
        } else if let selector = object[path: "spec", "selector"], selector["matchLabels"] != nil || selector["matchExpressions"] != nil {
            status["selector"] = .string((try? LabelSelector(json: selector))?.description ?? "")
        } else if let selector = object[path: "spec", "selector"]?.objectValue {
            // ReplicationController and DeploymentConfig selectors are plain label maps.
            status["selector"] = .string(LabelSelector(matchLabels: selector.compactMapValues(\.stringValue)).description)
        }
        scale.status = .object(status)
        return scale
    }
}
