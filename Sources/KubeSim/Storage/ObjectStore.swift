public import KubeCore
import Synchronization

/// The simulator's object storage: every object of one cluster, versioned, watchable and
/// persisted to the state directory.
///
/// All mutations are atomic and bump one cluster-wide resource version, like etcd's revision.
/// Methods are synchronous and cheap: one lock guards everything, and watch events are
/// handed to watchers under it, so they arrive in resource-version order.
public final class ObjectStore: Sendable {
    /// The resources this store serves.
    public let registry: ResourceRegistry
    let core: Mutex<StoreCore>

    /// Creates a store; with a `stateDirectory`, objects written earlier are loaded and every
    /// change is persisted there. `historyLimit` is how many changes a watch can resume over.
    /// The log is folded into a new snapshot when it grows past `compactionThreshold` bytes.
    public init(
        registry: ResourceRegistry, stateDirectory: String?, historyLimit: Int = 10_000, compactionThreshold: Int = 64 << 20
    ) throws {
        self.registry = registry
        let core = StoreCore(registry: registry, historyLimit: historyLimit)
        if let stateDirectory {
            try core.restore(from: StoreJournal(directory: stateDirectory, compactionThreshold: compactionThreshold))
        }
        self.core = Mutex(core)
    }

    /// Flushes the persisted log to disk (`fsync`) and stops persisting; call when shutting
    /// down. Later writes stay in memory only.
    public func close() {
        core.withLock { core in
            core.journal?.closeLog()
            core.journal = nil
        }
    }

    /// The first failure to persist a change, if any happened.
    public var persistenceFailure: String? {
        core.withLock { $0.journal?.failure }
    }

    /// Creates `object`: fills uid, resourceVersion, creationTimestamp, generation, name from
    /// generateName; validates; fails with AlreadyExists, Invalid, or NotFound/Forbidden when
    /// the namespace is missing or terminating. `namespace` is the request's namespace; the
    /// object's own must match it.
    public func create(_ object: KubeObject, in definition: ResourceDefinition, namespace: String? = nil, dryRun: Bool = false) throws(KubeAPIError) -> KubeObject {
        try core.withLock { core throws(KubeAPIError) in try core.create(object, in: definition, namespace: namespace, dryRun: dryRun) }
    }

    /// Reads one object.
    public func get(_ definition: ResourceDefinition, namespace: String?, name: String) throws(KubeAPIError) -> KubeObject {
        try core.withLock { core throws(KubeAPIError) in try core.get(definition, namespace: namespace, name: name) }
    }

    /// Lists objects (all namespaces when `namespace` is nil), filtered and paged.
    public func list(_ definition: ResourceDefinition, namespace: String?, options: ListOptions = ListOptions()) throws(KubeAPIError) -> ObjectList {
        try core.withLock { core throws(KubeAPIError) in try core.list(definition, namespace: namespace, options: options) }
    }

    /// Replaces an object. A non-empty `metadata.resourceVersion` must match (409 otherwise).
    /// With `subresource` `status` only `status` changes; without it, `status` is kept when the
    /// resource has a status subresource. `generation` is bumped when anything but metadata
    /// and status changes. Removing the last finalizer of an object being deleted removes it.
    /// `finalize` (namespaces) replaces `spec.finalizers`; `scale` sets `spec.replicas` from a
    /// `Scale` object.
    public func update(_ object: KubeObject, in definition: ResourceDefinition, subresource: String? = nil, namespace: String? = nil, dryRun: Bool = false) throws(KubeAPIError) -> KubeObject {
        try core.withLock { core throws(KubeAPIError) in
            try core.update(object, in: definition, namespace: namespace, subresource: subresource, dryRun: dryRun)
        }
    }

    /// Reads, changes and writes an object atomically (no conflict possible).
    ///
    /// `change` runs under the store's lock: it must not call back into this store.
    @discardableResult
    public func modify(
        _ definition: ResourceDefinition, namespace: String?, name: String, subresource: String? = nil,
        _ change: (inout KubeObject) throws(KubeAPIError) -> Void
    ) throws(KubeAPIError) -> KubeObject {
        try core.withLock { core throws(KubeAPIError) in
            try core.modify(definition, namespace: namespace, name: name, subresource: subresource, change)
        }
    }

    /// Deletes an object. With finalizers (or foreground/orphan propagation, which add the
    /// `foregroundDeletion`/`orphan` finalizer) it only gets a `deletionTimestamp`; otherwise
    /// it is removed. Returns the object as it now is (or was).
    @discardableResult
    public func delete(_ definition: ResourceDefinition, namespace: String?, name: String, options: DeleteOptions = DeleteOptions()) throws(KubeAPIError) -> KubeObject {
        try core.withLock { core throws(KubeAPIError) in try core.delete(definition, namespace: namespace, name: name, options: options) }
    }

    /// Deletes every object `listOptions` selects (selectors only; paging is ignored), as one
    /// atomic step. Returns the objects as they now are (or were).
    @discardableResult
    public func deleteCollection(
        _ definition: ResourceDefinition, namespace: String?, listOptions: ListOptions = ListOptions(), options: DeleteOptions = DeleteOptions()
    ) throws(KubeAPIError) -> [KubeObject] {
        try core.withLock { core throws(KubeAPIError) in
            try core.deleteCollection(definition, namespace: namespace, listOptions: listOptions, options: options)
        }
    }

    /// The newest resource version.
    public var currentResourceVersion: UInt64 {
        core.withLock { $0.resourceVersion }
    }

    /// Runs `strategy` inside every create, update and removal of `resource`, after the ones
    /// added before it.
    public func addStrategy(_ strategy: any ResourceStrategy, for resource: GroupResource) {
        core.withLock { $0.strategies[resource, default: []].append(strategy) }
    }
}
