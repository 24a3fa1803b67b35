import KubeCore

/// The checks kube-apiserver runs on every write, with its error messages.
enum ObjectValidation {
    static func validate(_ object: KubeObject, _ definition: ResourceDefinition) throws(KubeAPIError) {
        var causes: [KubeAPIError.Cause] = []
        if object.name.isEmpty {
            causes.append(KubeAPIError.Cause(
                reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name"))
        }
        if !causes.isEmpty {
            throw KubeAPIError.invalid(kind: definition.kind, group: definition.group, name: object.name, causes: causes)
        }
    }

    static func validateUpdate(_ object: KubeObject, old: KubeObject, _ definition: ResourceDefinition) throws(KubeAPIError) {
        var causes: [KubeAPIError.Cause] = []
        if old.deletionTimestamp != nil, object.finalizers.contains(where: { !old.finalizers.contains($0) }) {
            causes.append(KubeAPIError.Cause(
                reason: "FieldValueForbidden", message: "Forbidden: no new finalizers can be added if the object is being deleted",
                field: "metadata.finalizers"))
        }
        if !causes.isEmpty {
            throw KubeAPIError.invalid(kind: definition.kind, group: definition.group, name: object.name, causes: causes)
        }
        try validate(object, definition)
    }
}
