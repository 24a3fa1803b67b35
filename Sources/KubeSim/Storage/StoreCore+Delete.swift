import KubeCore

extension StoreCore {
    func delete(_ definition: ResourceDefinition, namespace: String?, name: String, options: DeleteOptions) throws(KubeAPIError) -> KubeObject {
        let resource = definition.groupResource
        let key = ObjectKey(namespace: definition.namespaced ? namespace : nil, name: name)
        guard let existing = tables[resource]?[key] else {
            throw KubeAPIError.notFound(resource, name: name)
        }
        if let uid = options.preconditionUID, uid != existing.uid {
            throw KubeAPIError.conflict(
                resource, name: name, reason: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(existing.uid ?? "")")
        }
        if let version = options.preconditionResourceVersion, version != existing.resourceVersion {
            throw KubeAPIError.conflict(
                resource, name: name,
                reason: "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(existing.resourceVersion ?? "")")
        }
        var updated = existing
        var finalizers = existing.finalizers
        switch options.propagationPolicy {
        case .foreground?:
            if !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
            finalizers.removeAll { $0 == "orphan" }
        case .orphan?:
            if !finalizers.contains("orphan") { finalizers.append("orphan") }
            finalizers.removeAll { $0 == "foregroundDeletion" }
        case .background?:
            finalizers.removeAll { $0 == "orphan" || $0 == "foregroundDeletion" }
        case nil:
            break
        }
        updated.finalizers = finalizers
        let isNamespace = resource == Self.namespacesResource
        if isNamespace {
            updated[path: "status", "phase"] = "Terminating"
        }
        if Self.isReadyToRemove(updated, definition) {
            if options.dryRun { return existing }
            return remove(existing, in: definition)
        }
        if existing.deletionTimestamp == nil {
            updated.deletionTimestamp = KubeTime.now()
            updated.body["metadata"]?["deletionGracePeriodSeconds"] = .int(Int64(options.gracePeriodSeconds ?? 0))
        }
        if updated == existing || options.dryRun { return updated }
        return commit(.modified, updated, resource: resource, previous: existing)
    }

    /// Removes an object for good and tells the strategies.
    func remove(_ object: KubeObject, in definition: ResourceDefinition) -> KubeObject {
        let resource = definition.groupResource
        let removed = commit(.deleted, object, resource: resource)
        for strategy in strategies[resource] ?? [] {
            strategy.didDelete(removed, store: StoreTransaction(core: self))
        }
        didRemove(removed, definition)
        return removed
    }
}
