public import KubeCore

// INTERFACE SCAFFOLD: the storage helper replaces these bodies; signatures are the contract
// the HTTP layer and the controllers code against.

/// The simulator's object storage: every object of one cluster, versioned, watchable and
/// persisted to the state directory.
///
/// All mutations are atomic and bump one cluster-wide resource version, like etcd's revision.
public final class ObjectStore: Sendable {
    /// The resources this store serves.
    public let registry: ResourceRegistry

    /// Creates a store; with a `stateDirectory`, objects written earlier are loaded and every
    /// change is persisted there.
    public init(registry: ResourceRegistry, stateDirectory: String?) throws {
        self.registry = registry
        fatalError("ObjectStore.init not implemented yet")
    }

    /// Creates `object`: fills uid, resourceVersion, creationTimestamp, generation, name from
    /// generateName; validates; fails with AlreadyExists, Invalid, or NotFound/Forbidden when
    /// the namespace is missing or terminating.
    public func create(_ object: KubeObject, in definition: ResourceDefinition, dryRun: Bool = false) throws(KubeAPIError) -> KubeObject {
        fatalError("not implemented yet")
    }

    /// Reads one object.
    public func get(_ definition: ResourceDefinition, namespace: String?, name: String) throws(KubeAPIError) -> KubeObject {
        fatalError("not implemented yet")
    }

    /// Lists objects (all namespaces when `namespace` is nil), filtered and paged.
    public func list(_ definition: ResourceDefinition, namespace: String?, options: ListOptions = ListOptions()) throws(KubeAPIError) -> ObjectList {
        fatalError("not implemented yet")
    }

    /// Replaces an object. A non-empty `metadata.resourceVersion` must match (409 otherwise).
    /// With `subresource` `status` only `status` changes; without it, `status` is kept when the
    /// resource has a status subresource. `generation` is bumped when anything but metadata
    /// and status changes. Removing the last finalizer of an object being deleted removes it.
    public func update(_ object: KubeObject, in definition: ResourceDefinition, subresource: String? = nil, dryRun: Bool = false) throws(KubeAPIError) -> KubeObject {
        fatalError("not implemented yet")
    }

    /// Reads, changes and writes an object atomically (no conflict possible).
    @discardableResult
    public func modify(
        _ definition: ResourceDefinition, namespace: String?, name: String, subresource: String? = nil,
        _ change: (inout KubeObject) throws(KubeAPIError) -> Void
    ) throws(KubeAPIError) -> KubeObject {
        fatalError("not implemented yet")
    }

    /// Deletes an object. With finalizers (or foreground/orphan propagation, which add the
    /// `foregroundDeletion`/`orphan` finalizer) it only gets a `deletionTimestamp`; otherwise
    /// it is removed. Returns the object as it now is (or was).
    @discardableResult
    public func delete(_ definition: ResourceDefinition, namespace: String?, name: String, options: DeleteOptions = DeleteOptions()) throws(KubeAPIError) -> KubeObject {
        fatalError("not implemented yet")
    }

    /// Streams changes after `options.resourceVersion` (or from now, with the current objects
    /// first as ADDED when it is nil/"0"). `definition` nil watches every resource. Fails with
    /// 410 Expired when the version is older than the retained history.
    public func watch(_ definition: ResourceDefinition?, namespace: String?, options: ListOptions = ListOptions()) throws(KubeAPIError) -> AsyncStream<WatchEvent> {
        fatalError("not implemented yet")
    }

    /// The newest resource version.
    public var currentResourceVersion: UInt64 {
        fatalError("not implemented yet")
    }
}
