public import KubeCore

/// Strategic merge patch, as kube-apiserver applies it to built-in kinds: like a JSON merge
/// patch, except that lists with a merge key merge element by element, `finalizers` merge as
/// a set, and the directives `$patch` (`replace`, `merge`, `delete`),
/// `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>` and `$retainKeys` apply.
public enum StrategicMergePatch {
    private static let deletePrefix = "$deleteFromPrimitiveList/"
    private static let orderPrefix = "$setElementOrder/"

    /// `document` with `patch` merged in.
    public static func apply(_ patch: JSONValue, to document: JSONValue) throws(KubeAPIError) -> JSONValue {
        guard case .object = patch else {
            throw KubeAPIError.badRequest("the patch is not a JSON object")
        }
        return try mergeObject(patch, into: document) ?? .object([:])
    }

    /// Merges a patch object into an original value; `nil` when the patch deletes it.
    private static func mergeObject(_ patch: JSONValue, into original: JSONValue?) throws(KubeAPIError) -> JSONValue? {
        guard case .object(var patchMembers) = patch else { return patch }
        if let directive = patchMembers.removeValue(forKey: "$patch") {
            switch directive.stringValue {
            case "delete": return nil
            case "replace": return .object(try stripDirectives(patchMembers))
            case "merge": break
            default:
                throw KubeAPIError.badRequest("Unable to find supported directive value: \(directive.serializedString())")
            }
        }
        var result = original?.objectValue ?? [:]
        var retainKeys: [String]?
        if let retain = patchMembers.removeValue(forKey: "$retainKeys") {
            guard let keys = retain.arrayValue?.compactMap(\.stringValue) else {
                throw KubeAPIError.badRequest("invalid patch format: $retainKeys must be a list of strings")
            }
            retainKeys = keys
        }
        var orders: [String: [JSONValue]] = [:]
        for key in patchMembers.keys where key.hasPrefix(orderPrefix) {
            orders[String(key.dropFirst(orderPrefix.count))] = patchMembers.removeValue(forKey: key)?.arrayValue ?? []
        }
        for key in patchMembers.keys.sorted() where key.hasPrefix(deletePrefix) {
            let field = String(key.dropFirst(deletePrefix.count))
            let doomed = patchMembers.removeValue(forKey: key)?.arrayValue ?? []
            if let list = result[field]?.arrayValue {
                result[field] = .array(list.filter { !doomed.contains($0) })
            }
        }
        for (key, value) in patchMembers {
            if value.isNull {
                result[key] = nil
                continue
            }
            switch value {
            case .object:
                result[key] = try mergeObject(value, into: result[key])
            case .array(let elements):
                result[key] = .array(try mergeList(elements, into: result[key]?.arrayValue, field: key))
            default:
                result[key] = value
            }
        }
        for (field, order) in orders {
            if let list = result[field]?.arrayValue {
                result[field] = .array(reorder(list, by: order, field: field))
            }
        }
        if let retainKeys {
            let kept = Set(retainKeys)
            for key in result.keys where !kept.contains(key) { result[key] = nil }
        }
        return .object(result)
    }

    private static func mergeList(_ patch: [JSONValue], into original: [JSONValue]?, field: String) throws(KubeAPIError) -> [JSONValue] {
        // A `{"$patch": "replace"}` element replaces the whole list with the other elements.
        if patch.contains(where: { $0["$patch"]?.stringValue == "replace" }) {
            return try patch.filter { $0["$patch"] == nil }.map { element throws(KubeAPIError) in try stripDirectivesValue(element) }
        }
        let strategy = MergeStrategy.forField(field, sample: patch.first ?? original?.first)
        switch strategy {
        case .replace:
            return try patch.map { element throws(KubeAPIError) in try stripDirectivesValue(element) }
        case .mergeAsSet:
            var result = original ?? []
            for element in patch where !result.contains(element) { result.append(element) }
            return result
        case .mergeByKey(let mergeKey):
            var result = original ?? []
            for element in patch {
                guard element.objectValue != nil else {
                    result.append(element)
                    continue
                }
                let keyValue = element[mergeKey]
                let position = keyValue.flatMap { key in result.firstIndex { $0[mergeKey] == key } }
                if element["$patch"]?.stringValue == "delete" {
                    if let keyValue {
                        result.removeAll { $0[mergeKey] == keyValue }
                    }
                    continue
                }
                guard keyValue != nil else {
                    throw KubeAPIError.badRequest("map: \(element.serializedString()) does not contain declared merge key: \(mergeKey)")
                }
                if let position {
                    if let merged = try mergeObject(element, into: result[position]) {
                        result[position] = merged
                    } else {
                        result.remove(at: position)
                    }
                } else if let added = try mergeObject(element, into: nil) {
                    result.append(added)
                }
            }
            return result
        }
    }

    /// Puts the elements named in `order` first, in that order; the rest keep their order.
    private static func reorder(_ list: [JSONValue], by order: [JSONValue], field: String) -> [JSONValue] {
        let strategy = MergeStrategy.forField(field, sample: list.first)
        func identity(_ element: JSONValue) -> JSONValue? {
            if case .mergeByKey(let key) = strategy { return element[key] ?? element }
            return element
        }
        var remaining = list
        var ordered: [JSONValue] = []
        for wanted in order {
            let target = identity(wanted)
            if let index = remaining.firstIndex(where: { identity($0) == target }) {
                ordered.append(remaining.remove(at: index))
            }
        }
        return ordered + remaining
    }

    private static func stripDirectives(_ members: JSONObject) throws(KubeAPIError) -> JSONObject {
        var result: JSONObject = [:]
        for (key, value) in members where !key.hasPrefix("$") {
            result[key] = try stripDirectivesValue(value)
        }
        return result
    }

    private static func stripDirectivesValue(_ value: JSONValue) throws(KubeAPIError) -> JSONValue {
        switch value {
        case .object(let members): return .object(try stripDirectives(members))
        case .array(let elements): return .array(try elements.map { element throws(KubeAPIError) in try stripDirectivesValue(element) })
        default: return value
        }
    }
}
