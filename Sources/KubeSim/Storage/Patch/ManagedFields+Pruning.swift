import KubeCore

extension ManagedFields {
    /// The FieldsV1 set of `manager`'s last `Apply`, if it applied before.
    static func appliedFields(of manager: String, in object: KubeObject) -> JSONObject? {
        entries(of: object).first { $0["manager"]?.stringValue == manager && $0["operation"]?.stringValue == "Apply" }?["fieldsV1"]?.objectValue
    }

    /// The FieldsV1 sets of every other manager.
    static func otherFields(than manager: String, in object: KubeObject) -> [JSONObject] {
        entries(of: object).filter { $0["manager"]?.stringValue != manager }.compactMap { $0["fieldsV1"]?.objectValue }
    }

    private static func entries(of object: KubeObject) -> [JSONValue] {
        object.body["metadata"]?["managedFields"]?.arrayValue ?? []
    }

    /// Removes from `value` the fields `previous` held that neither `current` nor any of
    /// `others` holds: what a manager stops applying and nobody else owns goes away, as
    /// server-side apply does.
    static func prune(_ value: JSONValue, previous: JSONObject, current: JSONObject?, others: [JSONObject]) -> JSONValue {
        var result = value
        for (key, previousChild) in previous where key != "." {
            let currentChild = current?[key]?.objectValue
            let otherChildren = others.compactMap { $0[key]?.objectValue }
            if currentChild == nil && otherChildren.isEmpty {
                result = removing(key, from: result)
            } else if let nested = previousChild.objectValue, !nested.isEmpty, let child = member(key, of: result) {
                result = replacing(key, in: result, with: prune(child, previous: nested, current: currentChild, others: otherChildren))
            }
        }
        return result
    }

    private static func matches(_ key: String, _ element: JSONValue) -> Bool {
        if key.hasPrefix("k:"), let identity = try? JSONValue(parsing: String(key.dropFirst(2))), let fields = identity.objectValue {
            return fields.allSatisfy { element[$0.key] == $0.value }
        }
        if key.hasPrefix("v:"), let expected = try? JSONValue(parsing: String(key.dropFirst(2))) {
            return element == expected
        }
        return false
    }

    private static func member(_ key: String, of value: JSONValue) -> JSONValue? {
        if key.hasPrefix("f:") { return value[String(key.dropFirst(2))] }
        return value.arrayValue?.first { matches(key, $0) }
    }

    private static func removing(_ key: String, from value: JSONValue) -> JSONValue {
        switch value {
        case .object(var members) where key.hasPrefix("f:"):
            members[String(key.dropFirst(2))] = nil
            return .object(members)
        case .array(let elements):
            return .array(elements.filter { !matches(key, $0) })
        default:
            return value
        }
    }

    private static func replacing(_ key: String, in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        switch value {
        case .object(var members) where key.hasPrefix("f:"):
            members[String(key.dropFirst(2))] = replacement
            return .object(members)
        case .array(var elements):
            if let index = elements.firstIndex(where: { matches(key, $0) }) { elements[index] = replacement }
            return .array(elements)
        default:
            return value
        }
    }
}
