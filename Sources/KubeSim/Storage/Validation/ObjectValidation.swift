import KubeCore

/// The checks kube-apiserver runs on every write, with its error messages: object metadata
/// for every kind plus the per-kind rules kubectl users meet most.
enum ObjectValidation {
    static func validate(_ object: KubeObject, _ definition: ResourceDefinition) throws(KubeAPIError) {
        var causes = metadataCauses(object, definition)
        causes += KindValidation.causes(object, definition)
        if !causes.isEmpty {
            throw KubeAPIError.invalid(kind: definition.kind, group: definition.group, name: object.name, causes: causes)
        }
    }

    static func validateUpdate(_ object: KubeObject, old: KubeObject, _ definition: ResourceDefinition) throws(KubeAPIError) {
        var causes: [KubeAPIError.Cause] = []
        if old.deletionTimestamp != nil, object.finalizers.contains(where: { !old.finalizers.contains($0) }) {
            causes.append(forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted"))
        }
        if ["deployments", "replicasets", "statefulsets", "daemonsets", "jobs"].contains(definition.resource),
            definition.group == "apps" || definition.group == "batch",
            let oldSelector = old[path: "spec", "selector"], object[path: "spec", "selector"] != oldSelector
        {
            causes.append(invalid("spec.selector", Self.describe(object[path: "spec", "selector"] ?? .null), "field is immutable"))
        }
        if !causes.isEmpty {
            throw KubeAPIError.invalid(kind: definition.kind, group: definition.group, name: object.name, causes: causes)
        }
        try validate(object, definition)
    }

    private static func metadataCauses(_ object: KubeObject, _ definition: ResourceDefinition) -> [KubeAPIError.Cause] {
        var causes: [KubeAPIError.Cause] = []
        if object.name.isEmpty {
            causes.append(required("metadata.name", "name or generateName is required"))
        } else {
            for problem in NameRule.forResource(definition.groupResource).problems(object.name) {
                causes.append(invalid("metadata.name", "\"\(object.name)\"", problem))
            }
        }
        if definition.namespaced, let namespace = object.namespace {
            for problem in NameRule.label.problems(namespace) {
                causes.append(invalid("metadata.namespace", "\"\(namespace)\"", problem))
            }
        }
        for (key, value) in object.labels.sorted(by: { $0.key < $1.key }) {
            if let problem = LabelSyntax.keyError(key) { causes.append(invalid("metadata.labels", "\"\(key)\"", problem)) }
            if let problem = LabelSyntax.valueError(value) { causes.append(invalid("metadata.labels", "\"\(value)\"", problem)) }
        }
        var annotationBytes = 0
        for (key, value) in object.annotations.sorted(by: { $0.key < $1.key }) {
            if let problem = LabelSyntax.keyError(key.lowercased()) { causes.append(invalid("metadata.annotations", "\"\(key)\"", problem)) }
            annotationBytes += key.utf8.count + value.utf8.count
        }
        if annotationBytes > 256 * 1024 {
            causes.append(KubeAPIError.Cause(reason: "FieldValueTooLong", message: "Too long: must have at most 262144 bytes", field: "metadata.annotations"))
        }
        return causes
    }

    static func required(_ field: String, _ detail: String? = nil) -> KubeAPIError.Cause {
        KubeAPIError.Cause(reason: "FieldValueRequired", message: "Required value" + (detail.map { ": \($0)" } ?? ""), field: field)
    }

    static func invalid(_ field: String, _ shownValue: String, _ detail: String) -> KubeAPIError.Cause {
        KubeAPIError.Cause(reason: "FieldValueInvalid", message: "Invalid value: \(shownValue): \(detail)", field: field)
    }

    static func forbidden(_ field: String, _ detail: String) -> KubeAPIError.Cause {
        KubeAPIError.Cause(reason: "FieldValueForbidden", message: "Forbidden: \(detail)", field: field)
    }

    static func duplicate(_ field: String, _ shownValue: String) -> KubeAPIError.Cause {
        KubeAPIError.Cause(reason: "FieldValueDuplicate", message: "Duplicate value: \(shownValue)", field: field)
    }

    /// A JSON value shown the way Go's `%#v` shows small values in kube messages.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        case .object(let members) where members.values.allSatisfy({ $0.stringValue != nil }):
            let pairs = members.keys.sorted().map { "\"\($0)\":\"\(members[$0]!.stringValue!)\"" }
            return "map[string]string{\(pairs.joined(separator: ", "))}"
        default: return value.serializedString()
        }
    }
}
