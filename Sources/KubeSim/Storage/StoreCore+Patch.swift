import KubeCore

extension StoreCore {
    func patch(
        _ definition: ResourceDefinition, namespace: String?, name: String, type: PatchType, body: JSONValue,
        fieldManager: String?, force: Bool, subresource: String?, dryRun: Bool
    ) throws(KubeAPIError) -> KubeObject {
        let resource = definition.groupResource
        if type == .strategicMerge, !ResourceRegistry.builtInResources.contains(resource) {
            throw KubeAPIError.unsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
        }
        if type == .apply, (fieldManager ?? "").isEmpty {
            throw KubeAPIError.invalid(
                kind: "PatchOptions", group: "meta.k8s.io", name: "",
                causes: [KubeAPIError.Cause(reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager")])
        }
        let key = ObjectKey(namespace: definition.namespaced ? namespace : nil, name: name)
        guard let existing = tables[resource]?[key] else {
            guard type == .apply, subresource == nil else { throw KubeAPIError.notFound(resource, name: name) }
            var object = try KubeObject(json: body)
            if object.name.isEmpty { object.name = name }
            guard object.name == name else {
                throw KubeAPIError.badRequest("the name of the object (\(object.name)) does not match the name on the URL (\(name))")
            }
            ManagedFields.recordApply(body, manager: fieldManager ?? "", on: &object)
            return try create(object, in: definition, namespace: namespace, dryRun: dryRun)
        }
        let target = subresource == "scale" ? ScaleView.scale(of: existing) : existing
        let patchedJSON: JSONValue
        switch type {
        case .json: patchedJSON = try JSONPatch.apply(body, to: target.json)
        case .merge: patchedJSON = JSONMergePatch.apply(body, to: target.json)
        case .strategicMerge: patchedJSON = try StrategicMergePatch.apply(body, to: target.json)
        case .apply:
            guard body.objectValue != nil else { throw KubeAPIError.badRequest("the applied configuration is not an object") }
            if ResourceRegistry.builtInResources.contains(resource) {
                patchedJSON = try StrategicMergePatch.apply(body, to: target.json)
            } else {
                patchedJSON = JSONMergePatch.apply(body, to: target.json)
            }
        }
        var patched = try KubeObject(json: patchedJSON)
        if type == .apply, subresource == nil {
            let manager = fieldManager ?? ""
            ManagedFields.recordApply(body, manager: manager, on: &patched)
            if let previous = ManagedFields.appliedFields(of: manager, in: existing) {
                let current = ManagedFields.appliedFields(of: manager, in: patched)
                let others = ManagedFields.otherFields(than: manager, in: existing)
                var pruned = ManagedFields.prune(.object(patched.body), previous: previous, current: current, others: others)
                pruned["metadata"] = .object(patched.metadata)
                patched = try KubeObject(json: pruned)
                // Labels and annotations live in metadata, which the line above restored whole.
                for field in ["labels", "annotations"] {
                    guard let owned = previous["f:metadata"]?["f:\(field)"]?.objectValue, let values = patched.metadata[field] else { continue }
                    let kept = ManagedFields.prune(
                        values, previous: owned, current: current?["f:metadata"]?["f:\(field)"]?.objectValue,
                        others: others.compactMap { $0["f:metadata"]?["f:\(field)"]?.objectValue })
                    patched.body["metadata"]?[field] = kept
                }
            }
        } else if type == .apply {
            ManagedFields.recordApply(body, manager: fieldManager ?? "", on: &patched)
        }
        if (patched.name.isEmpty ? name : patched.name) != name {
            throw KubeAPIError.badRequest("metadata.name: Invalid value: \"\(patched.name)\": field is immutable")
        }
        if let version = patched.resourceVersion, !version.isEmpty, version != existing.resourceVersion {
            throw KubeAPIError.conflict(resource, name: name)
        }
        patched.name = name
        patched.namespace = existing.namespace
        if subresource != "scale" {
            patched.kind = existing.kind
            patched.apiVersion = existing.apiVersion
        }
        let updated = try Self.merge(patched, onto: existing, definition, subresource: subresource)
        return try replace(existing, with: updated, in: definition, dryRun: dryRun)
    }
}
