import KubeCore

/// The defaults kube-apiserver fills in, so that stored objects read like a real cluster's.
enum ObjectDefaults {
    static func apply(to object: inout KubeObject, _ definition: ResourceDefinition) {
        switch (definition.group, definition.resource) {
        case ("", "namespaces"): defaultNamespace(&object)
        default: break
        }
    }

    private static func defaultNamespace(_ object: inout KubeObject) {
        if object[path: "spec", "finalizers"] == nil, object.deletionTimestamp == nil {
            object[path: "spec", "finalizers"] = ["kubernetes"]
        }
        if object[path: "status", "phase"] == nil {
            object[path: "status", "phase"] = "Active"
        }
        var labels = object.labels
        if labels["kubernetes.io/metadata.name"] != object.name {
            labels["kubernetes.io/metadata.name"] = object.name
            object.labels = labels
        }
    }
}
