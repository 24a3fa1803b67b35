import DequeModule
import KubeCore

/// The state behind `ObjectStore`, only ever touched while the store's lock is held.
///
/// Holds every object, the resource-version counter, the bounded change history that lets
/// watches resume, and the open watchers.
///
/// `@unchecked Sendable` because the `Mutex` in `ObjectStore` is its only way in.
final class StoreCore: @unchecked Sendable {
    let registry: ResourceRegistry
    var resourceVersion: UInt64 = 0
    var tables: [GroupResource: ResourceTable] = [:]
    var history: Deque<StoreChange> = []
    /// Every change after this version is still in `history`.
    var historyFloor: UInt64 = 0
    let historyLimit: Int
    var watchers: [Int: StoreWatcher] = [:]
    var nextWatcherID = 0
    var strategies: [GroupResource: [any ResourceStrategy]] = [:]
    var journal: StoreJournal?

    init(registry: ResourceRegistry, historyLimit: Int) {
        self.registry = registry
        self.historyLimit = historyLimit
    }

    func object(_ resource: GroupResource, _ key: ObjectKey) -> KubeObject? {
        tables[resource]?[key]
    }

    /// Every object of `resource` (in `namespace` when given), in list order.
    func objects(_ resource: GroupResource, in namespace: String?) -> [KubeObject] {
        guard let keys = tables[resource]?.keys(in: namespace), let table = tables[resource] else { return [] }
        return keys.compactMap { table[$0] }
    }

    /// Stores `object` under a new resource version and tells watchers and the journal.
    @discardableResult
    func commit(_ type: WatchEvent.EventType, _ object: KubeObject, resource: GroupResource, previous: KubeObject? = nil) -> KubeObject {
        resourceVersion += 1
        var stored = object
        stored.resourceVersion = String(resourceVersion)
        let key = ObjectKey(namespace: stored.namespace, name: stored.name)
        if type == .deleted {
            tables[resource]?.remove(key)
        } else {
            tables[resource, default: ResourceTable()].store(stored, at: key)
        }
        if let journal {
            journal.record(type, stored, resource: resource)
            if journal.needsCompaction { try? journal.compact(tables: tables, resourceVersion: resourceVersion) }
        }
        publish(StoreChange(resourceVersion: resourceVersion, type: type, resource: resource, object: stored, previous: previous))
        return stored
    }

    private func publish(_ change: StoreChange) {
        history.append(change)
        if history.count > historyLimit, let dropped = history.popFirst() {
            historyFloor = dropped.resourceVersion
        }
        var finished: [Int] = []
        for (id, watcher) in watchers {
            if watcher.isTerminated {
                finished.append(id)
            } else {
                watcher.deliver(change)
            }
        }
        for id in finished { watchers[id] = nil }
    }

    /// Loads what `journal` holds, serves the CustomResourceDefinitions among it, and folds
    /// the log into a fresh snapshot.
    func restore(from journal: StoreJournal) throws(KubeAPIError) {
        let contents = journal.load()
        for (resource, objects) in contents.objects {
            var table = ResourceTable()
            for (key, object) in objects { table.store(object, at: key) }
            tables[resource] = table
        }
        for crd in contents.objects[Self.crdResource]?.values.map({ $0 }) ?? [] {
            if let definition = try? ResourceDefinition(crd: crd) { registry.register(definition) }
        }
        resourceVersion = contents.resourceVersion
        historyFloor = resourceVersion
        try journal.compact(tables: tables, resourceVersion: resourceVersion)
        self.journal = journal
    }

    func namespace(_ name: String) -> KubeObject? {
        object(GroupResource(group: "", resource: "namespaces"), ObjectKey(namespace: nil, name: name))
    }
}
