import KubeCore
import KubeSimStorage
import Synchronization

/// A controller's view of the objects it watches, kept current from watch events, with the
/// indexes reconciling needs: by namespace and by owner uid.
///
/// Controllers read dependents here instead of listing the store on every event; they also
/// record their own writes at once so that a reconcile right after a create does not create
/// again before the watch event arrives.
final class ObjectCache: Sendable {
    private struct State {
        var objects: [GroupResource: [String: [String: KubeObject]]] = [:]
        var dependents: [String: Set<ObjectKey>] = [:]
        var keysByUID: [String: ObjectKey] = [:]
    }

    private let state = Mutex(State())

    /// Records `object`, unless the cache already holds a newer version of it.
    func upsert(_ object: KubeObject, resource: GroupResource) {
        let key = ObjectKey(resource, object: object)
        state.withLock { state in
            let namespace = object.namespace ?? ""
            let previous = state.objects[resource]?[namespace]?[object.name]
            if let previous {
                if Self.version(previous) > Self.version(object) { return }
                Self.unindex(previous, key: key, in: &state)
            }
            state.objects[resource, default: [:]][namespace, default: [:]][object.name] = object
            Self.index(object, key: key, in: &state)
        }
    }

    /// Forgets an object.
    func remove(_ key: ObjectKey) {
        state.withLock { state in
            let namespace = key.namespace ?? ""
            guard let previous = state.objects[key.resource]?[namespace]?[key.name] else { return }
            state.objects[key.resource]?[namespace]?[key.name] = nil
            if state.objects[key.resource]?[namespace]?.isEmpty == true {
                state.objects[key.resource]?[namespace] = nil
            }
            Self.unindex(previous, key: key, in: &state)
        }
    }

    /// Applies one watch event.
    func apply(_ event: WatchEvent) {
        switch event.type {
        case .added, .modified: upsert(event.object, resource: event.resource)
        case .deleted: remove(ObjectKey(event.resource, object: event.object))
        case .bookmark, .error: break
        }
    }

    /// The object at `key`.
    func object(_ key: ObjectKey) -> KubeObject? {
        state.withLock { $0.objects[key.resource]?[key.namespace ?? ""]?[key.name] }
    }

    /// The objects of `resource` in `namespace` (every namespace when `nil`).
    func objects(_ resource: GroupResource, namespace: String?) -> [KubeObject] {
        state.withLock { state in
            guard let byNamespace = state.objects[resource] else { return [] }
            if let namespace { return Array(byNamespace[namespace]?.values ?? [:].values) }
            return byNamespace.values.flatMap(\.values)
        }
    }

    /// The keys of every object of `resource`.
    func keys(_ resource: GroupResource) -> [ObjectKey] {
        state.withLock { state in
            guard let byNamespace = state.objects[resource] else { return [] }
            return byNamespace.flatMap { namespace, objects in
                objects.keys.map { ObjectKey(resource, namespace: namespace.isEmpty ? nil : namespace, name: $0) }
            }
        }
    }

    /// The objects listing `ownerUID` among their owner references.
    func dependents(of ownerUID: String) -> [(key: ObjectKey, object: KubeObject)] {
        state.withLock { state in
            (state.dependents[ownerUID] ?? []).compactMap { key in
                state.objects[key.resource]?[key.namespace ?? ""]?[key.name].map { (key, $0) }
            }
        }
    }

    /// The dependents of `ownerUID` of one resource, which the owner controls.
    func controlled(by ownerUID: String, resource: GroupResource) -> [KubeObject] {
        dependents(of: ownerUID).compactMap { entry in
            entry.key.resource == resource && entry.object.controllerReference?.uid == ownerUID ? entry.object : nil
        }
    }

    /// The key of the object with `uid`, if the cache holds it.
    func key(uid: String) -> ObjectKey? {
        state.withLock { $0.keysByUID[uid] }
    }

    private static func version(_ object: KubeObject) -> UInt64 {
        object.resourceVersion.flatMap { UInt64($0) } ?? 0
    }

    private static func index(_ object: KubeObject, key: ObjectKey, in state: inout State) {
        if let uid = object.uid { state.keysByUID[uid] = key }
        for owner in object.ownerReferences {
            state.dependents[owner.uid, default: []].insert(key)
        }
    }

    private static func unindex(_ object: KubeObject, key: ObjectKey, in state: inout State) {
        if let uid = object.uid, state.keysByUID[uid] == key { state.keysByUID[uid] = nil }
        for owner in object.ownerReferences {
            state.dependents[owner.uid]?.remove(key)
            if state.dependents[owner.uid]?.isEmpty == true { state.dependents[owner.uid] = nil }
        }
    }
}
