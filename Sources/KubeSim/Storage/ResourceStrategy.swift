public import KubeCore

/// Per-resource logic run inside the store's write path, under its lock: defaulting,
/// allocation (service cluster IPs, node ports), and checks that need other objects.
///
/// Strategies run after the store's own defaulting and validation, in the order they were
/// added. They must not call back into the `ObjectStore` (its lock is held); read other
/// objects through the `StoreTransaction` instead.
public protocol ResourceStrategy: Sendable {
    /// Adjusts or rejects an object about to be created.
    func prepareForCreate(_ object: inout KubeObject, store: StoreTransaction) throws(KubeAPIError)
    /// Adjusts or rejects an update; `old` is the stored object.
    func prepareForUpdate(_ object: inout KubeObject, old: KubeObject, store: StoreTransaction) throws(KubeAPIError)
    /// Learns that an object was removed (for example to release an allocated port).
    func didDelete(_ object: KubeObject, store: StoreTransaction)
}

extension ResourceStrategy {
    /// Does nothing.
    public func prepareForCreate(_ object: inout KubeObject, store: StoreTransaction) throws(KubeAPIError) {}
    /// Does nothing.
    public func prepareForUpdate(_ object: inout KubeObject, old: KubeObject, store: StoreTransaction) throws(KubeAPIError) {}
    /// Does nothing.
    public func didDelete(_ object: KubeObject, store: StoreTransaction) {}
}

/// Read access to the store from inside a `ResourceStrategy` call, valid only during it.
public struct StoreTransaction {
    let core: StoreCore

    /// Whether the write is a dry run: nothing will be stored, so allocate nothing for good.
    public let isDryRun: Bool

    init(core: StoreCore, isDryRun: Bool = false) {
        self.core = core
        self.isDryRun = isDryRun
    }

    /// The stored object, if any.
    public func get(_ resource: GroupResource, namespace: String?, name: String) -> KubeObject? {
        core.object(resource, ObjectKey(namespace: namespace, name: name))
    }

    /// Every stored object of `resource` (in `namespace` when given), in list order.
    public func list(_ resource: GroupResource, namespace: String? = nil) -> [KubeObject] {
        core.objects(resource, in: namespace)
    }

    /// The newest committed resource version.
    public var resourceVersion: UInt64 { core.resourceVersion }
}
