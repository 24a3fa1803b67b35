import KubeCore

extension StoreCore {
    func update(_ input: KubeObject, in definition: ResourceDefinition, namespace requestNamespace: String?, subresource: String?, dryRun: Bool) throws(KubeAPIError) -> KubeObject {
        guard definition.isStored else {
            throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
        var object = input
        if subresource == nil || subresource == "status" || subresource == "finalize" {
            try Self.checkTypeMeta(&object, definition)
        }
        try Self.placeInNamespace(&object, definition, requestNamespace: requestNamespace)
        let resource = definition.groupResource
        let key = ObjectKey(namespace: object.namespace, name: object.name)
        guard let existing = tables[resource]?[key] else {
            throw KubeAPIError.notFound(resource, name: object.name)
        }
        if let version = input.resourceVersion, !version.isEmpty, version != existing.resourceVersion {
            throw KubeAPIError.conflict(resource, name: object.name)
        }
        if let uid = input.uid, !uid.isEmpty, uid != existing.uid {
            throw KubeAPIError.conflict(
                resource, name: object.name,
                reason: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(existing.uid ?? "")")
        }
        let updated = try Self.merge(object, onto: existing, definition, subresource: subresource)
        return try replace(existing, with: updated, in: definition, dryRun: dryRun)
    }

    func modify(
        _ definition: ResourceDefinition, namespace: String?, name: String, subresource: String?, dryRun: Bool = false,
        _ change: (inout KubeObject) throws(KubeAPIError) -> Void
    ) throws(KubeAPIError) -> KubeObject {
        let resource = definition.groupResource
        let key = ObjectKey(namespace: definition.namespaced ? namespace : nil, name: name)
        guard let existing = tables[resource]?[key] else {
            throw KubeAPIError.notFound(resource, name: name)
        }
        var object = existing
        try change(&object)
        object.namespace = existing.namespace
        object.name = existing.name
        let updated = try Self.merge(object, onto: existing, definition, subresource: subresource)
        return try replace(existing, with: updated, in: definition, dryRun: dryRun)
    }

    /// The object an update of `existing` with `input` stores: what the subresource may change,
    /// with the fields clients cannot set carried over.
    static func merge(_ input: KubeObject, onto existing: KubeObject, _ definition: ResourceDefinition, subresource: String?) throws(KubeAPIError) -> KubeObject {
        var updated: KubeObject
        switch subresource {
        case nil:
            updated = input
            if definition.subresources.contains("status") {
                updated.status = existing.status
            }
            for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
                updated.body["metadata"]?[field] = existing.body["metadata"]?[field]
            }
        case "status":
            updated = existing
            updated.status = input.status
        case "finalize":
            updated = existing
            updated[path: "spec", "finalizers"] = input[path: "spec", "finalizers"] ?? .array([])
        case "scale":
            guard let replicas = input[path: "spec", "replicas"] else {
                throw KubeAPIError.badRequest("a Scale object needs spec.replicas")
            }
            updated = existing
            updated[path: "spec", "replicas"] = replicas
        default:
            throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        updated.kind = existing.kind
        updated.apiVersion = existing.apiVersion
        updated.resourceVersion = existing.resourceVersion
        if let generation = existing.generation, specChanged(existing, updated) {
            updated.generation = generation + 1
        }
        return updated
    }

    /// Whether anything outside `metadata` and `status` differs.
    static func specChanged(_ old: KubeObject, _ new: KubeObject) -> Bool {
        var oldBody = old.body
        var newBody = new.body
        for field in ["metadata", "status", "apiVersion", "kind"] {
            oldBody[field] = nil
            newBody[field] = nil
        }
        return oldBody != newBody
    }

    /// Validates and stores `updated` in place of `existing`; an object being deleted whose
    /// last finalizer went away is removed instead. An update that changes nothing writes
    /// nothing and keeps the resource version.
    func replace(_ existing: KubeObject, with proposed: KubeObject, in definition: ResourceDefinition, dryRun: Bool) throws(KubeAPIError) -> KubeObject {
        var updated = proposed
        let resource = definition.groupResource
        ObjectDefaults.apply(to: &updated, definition)
        try ObjectValidation.validateUpdate(updated, old: existing, definition)
        for strategy in strategies[resource] ?? [] {
            try strategy.prepareForUpdate(&updated, old: existing, store: StoreTransaction(core: self, isDryRun: dryRun))
        }
        if updated == existing { return existing }
        if existing.deletionTimestamp != nil, Self.isReadyToRemove(updated, definition) {
            if dryRun { return updated }
            return remove(updated, in: definition)
        }
        try willStore(&updated, definition, previous: existing, dryRun: dryRun)
        if dryRun { return updated }
        return commit(.modified, updated, resource: resource, previous: existing)
    }

    static func isReadyToRemove(_ object: KubeObject, _ definition: ResourceDefinition) -> Bool {
        guard object.finalizers.isEmpty else { return false }
        if definition.groupResource == namespacesResource {
            return (object[path: "spec", "finalizers"]?.arrayValue ?? []).isEmpty
        }
        return true
    }
}
