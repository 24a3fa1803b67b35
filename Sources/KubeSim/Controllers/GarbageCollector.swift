import KubeCore
import KubeSimStorage

/// Deletes objects whose owners are gone, and carries out foreground and orphan deletion of
/// owners (the `foregroundDeletion` and `orphan` finalizers the store adds).
struct GarbageCollector: Reconciler {
    static let foregroundFinalizer = "foregroundDeletion"
    static let orphanFinalizer = "orphan"

    let context: ControllerContext

    var name: String { "garbage-collector" }
    /// Every resource: any object may own or depend on any other.
    var watchedResources: [GroupResource]? { nil }
    /// Nothing is resynced wholesale; every owned object is checked as its events arrive.
    var primaryResource: GroupResource { GroupResource(group: "", resource: "") }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        let object = event.object
        var keys: [ObjectKey] = []
        switch event.type {
        case .added, .modified:
            if !object.ownerReferences.isEmpty { keys.append(ObjectKey(event.resource, object: object)) }
            if object.isBeingDeleted, object.finalizers.contains(where: { $0 == Self.foregroundFinalizer || $0 == Self.orphanFinalizer }) {
                keys.append(ObjectKey(event.resource, object: object))
            }
        case .deleted:
            if let uid = object.uid {
                keys += cache.dependents(of: uid).map(\.key)
                // A foreground-deleting owner waits on this dependent.
                for owner in object.ownerReferences {
                    if let ownerKey = cache.key(uid: owner.uid) { keys.append(ownerKey) }
                }
            }
        case .bookmark, .error:
            break
        }
        return keys
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let object = try context.fetch(key) else { return nil }
        if object.isBeingDeleted {
            if object.finalizers.contains(Self.orphanFinalizer) {
                try orphanDependents(of: object, key: key, cache: cache)
                return nil
            }
            if object.finalizers.contains(Self.foregroundFinalizer) {
                return try deleteDependentsFirst(of: object, key: key, cache: cache)
            }
        }
        try collectIfOrphaned(object, key: key)
        return nil
    }

    /// Deletes `object` when none of its owners exists any more; drops references to owners
    /// that are gone when some remain.
    private func collectIfOrphaned(_ object: KubeObject, key: ObjectKey) throws {
        let references = object.ownerReferences
        guard !references.isEmpty, !object.isBeingDeleted else { return }
        var missing: Set<String> = []
        for reference in references where !ownerExists(reference, namespace: object.namespace) {
            missing.insert(reference.uid)
        }
        guard !missing.isEmpty else { return }
        if missing.count == references.count {
            // An owner deleting in the foreground makes its dependents go the same way.
            let options = DeleteOptions(propagationPolicy: .background, preconditionUID: object.uid)
            try context.deleteIfPresent(key.resource, namespace: key.namespace, name: key.name, options: options)
        } else {
            try context.store.modify(context.definition(key.resource), namespace: key.namespace, name: key.name) { current in
                current.ownerReferences = current.ownerReferences.filter { !missing.contains($0.uid) }
            }
        }
    }

    private func ownerExists(_ reference: OwnerReference, namespace: String?) -> Bool {
        // An owner of a kind the cluster does not serve (yet) cannot be checked; like the
        // real collector, leave its dependents alone rather than guess.
        guard let definition = context.store.registry.definition(apiVersion: reference.apiVersion, kind: reference.kind) else {
            return true
        }
        do {
            let owner = try context.store.get(definition, namespace: definition.namespaced ? namespace : nil, name: reference.name)
            return owner.uid == reference.uid
        } catch {
            return !error.isNotFound
        }
    }

    private func deleteDependentsFirst(of owner: KubeObject, key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let uid = owner.uid else { return nil }
        let dependents = cache.dependents(of: uid)
        var blocking = 0
        for (dependentKey, dependent) in dependents {
            let reference = dependent.ownerReferences.first { $0.uid == uid }
            if reference?.blockOwnerDeletion == true { blocking += 1 }
            guard !dependent.isBeingDeleted else { continue }
            let options = DeleteOptions(propagationPolicy: .foreground, preconditionUID: dependent.uid)
            try tolerating(\.isConflict) { () throws(KubeAPIError) in
                try context.deleteIfPresent(dependentKey.resource, namespace: dependentKey.namespace, name: dependentKey.name, options: options)
            }
        }
        guard blocking == 0 else { return .milliseconds(500) }
        try removeFinalizer(Self.foregroundFinalizer, from: key)
        return nil
    }

    private func orphanDependents(of owner: KubeObject, key: ObjectKey, cache: ObjectCache) throws {
        guard let uid = owner.uid else { return }
        for (dependentKey, _) in cache.dependents(of: uid) {
            try tolerating(\.isNotFound) { () throws(KubeAPIError) in
                try context.store.modify(context.definition(dependentKey.resource), namespace: dependentKey.namespace, name: dependentKey.name) { current in
                    current.ownerReferences = current.ownerReferences.filter { $0.uid != uid }
                }
            }
        }
        try removeFinalizer(Self.orphanFinalizer, from: key)
    }

    private func removeFinalizer(_ finalizer: String, from key: ObjectKey) throws {
        try context.store.modify(context.definition(key.resource), namespace: key.namespace, name: key.name) { current in
            current.finalizers = current.finalizers.filter { $0 != finalizer }
        }
    }
}
