import KubeCore

/// `metadata.managedFields` bookkeeping for server-side apply: one entry per field manager
/// with a simplified FieldsV1 set of the fields it applied.
enum ManagedFields {
    /// `object` with the `Apply` entry of `manager` replaced by one describing `applied`.
    static func recordApply(_ applied: JSONValue, manager: String, on object: inout KubeObject) {
        var configuration = applied
        configuration["apiVersion"] = nil
        configuration["kind"] = nil
        var metadata = configuration["metadata"]?.objectValue ?? [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp", "managedFields", "generation"] {
            metadata[key] = nil
        }
        configuration["metadata"] = metadata.isEmpty ? nil : .object(metadata)
        configuration["status"] = nil
        let entry: JSONValue = [
            "manager": .string(manager), "operation": "Apply", "apiVersion": .string(object.apiVersion),
            "time": .string(KubeTime.now()), "fieldsType": "FieldsV1", "fieldsV1": fieldSet(configuration, field: nil),
        ]
        var entries = object.body["metadata"]?["managedFields"]?.arrayValue ?? []
        entries.removeAll { $0["manager"]?.stringValue == manager && $0["operation"]?.stringValue == "Apply" }
        entries.append(entry)
        object.body["metadata"]?["managedFields"] = .array(entries)
    }

    /// The FieldsV1 form: `f:<name>` for members, `k:{...}` for keyed list elements,
    /// `v:<json>` for set elements, and `{}` for leaves.
    static func fieldSet(_ value: JSONValue, field: String?) -> JSONValue {
        switch value {
        case .object(let members):
            var set: JSONObject = [:]
            for (key, member) in members { set["f:\(key)"] = fieldSet(member, field: key) }
            return .object(set)
        case .array(let elements):
            guard let field else { return .object([:]) }
            var set: JSONObject = [:]
            switch MergeStrategy.forField(field, sample: elements.first) {
            case .mergeByKey(let key):
                for element in elements {
                    guard let keyValue = element[key] else { continue }
                    let identity: JSONValue = [key: keyValue]
                    var nested = fieldSet(element, field: nil).objectValue ?? [:]
                    nested["."] = .object([:])
                    set["k:\(identity.serializedString())"] = .object(nested)
                }
            case .mergeAsSet:
                for element in elements { set["v:\(element.serializedString())"] = .object([:]) }
            case .replace:
                break
            }
            return .object(set)
        default:
            return .object([:])
        }
    }
}
