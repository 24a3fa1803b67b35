import KubeCore

extension StoreCore {
    func get(_ definition: ResourceDefinition, namespace: String?, name: String) throws(KubeAPIError) -> KubeObject {
        let resource = definition.groupResource
        guard let object = tables[resource]?[ObjectKey(namespace: definition.namespaced ? namespace : nil, name: name)] else {
            throw KubeAPIError.notFound(resource, name: name)
        }
        return object
    }

    func list(_ definition: ResourceDefinition, namespace: String?, options: ListOptions) throws(KubeAPIError) -> ObjectList {
        let labelSelector = try LabelSelector(parsing: options.labelSelector ?? "")
        let fieldSelector = try FieldSelector(parsing: options.fieldSelector ?? "")
        if let limit = options.limit, limit < 0 {
            throw KubeAPIError.badRequest("limit must be a non-negative integer")
        }
        let token = try options.continueToken.flatMap { text throws(KubeAPIError) in text.isEmpty ? nil : try ContinueToken(encoded: text) }
        let resource = definition.groupResource
        let scope = definition.namespaced ? namespace.flatMap { $0.isEmpty ? nil : $0 } : nil
        let listVersion = String(resourceVersion)
        guard let keys = tables[resource]?.keys(in: scope), let table = tables[resource] else {
            return ObjectList(items: [], resourceVersion: listVersion)
        }
        var candidates = keys
        if let token {
            candidates = keys[ResourceTable.lowerBound(of: token.lastKey, in: keys)...]
            if let first = candidates.first, first == token.lastKey { candidates = candidates.dropFirst() }
        }
        func selects(_ object: KubeObject) -> Bool {
            (labelSelector.isEmpty || labelSelector.matches(object.labels)) && (fieldSelector.isEmpty || fieldSelector.matches(object))
        }
        if let name = fieldSelector.requiredValue(of: "metadata.name") {
            candidates = candidates.filter { $0.name == name }[...]
        }
        let limit = options.limit.flatMap { $0 > 0 ? $0 : nil } ?? Int.max
        var items: [KubeObject] = []
        var position = candidates.startIndex
        while position < candidates.endIndex, items.count < limit {
            if let object = table[candidates[position]], selects(object) { items.append(object) }
            position += 1
        }
        guard position < candidates.endIndex, let last = items.last else {
            return ObjectList(items: items, resourceVersion: listVersion)
        }
        var remaining = 0
        for key in candidates[position...] {
            if let object = table[key], selects(object) { remaining += 1 }
        }
        guard remaining > 0 else { return ObjectList(items: items, resourceVersion: listVersion) }
        let next = ContinueToken(resourceVersion: token?.resourceVersion ?? resourceVersion, lastKey: ObjectKey(namespace: last.namespace, name: last.name))
        return ObjectList(items: items, resourceVersion: listVersion, continueToken: next.encoded, remainingItemCount: remaining)
    }
}
