import KubeCore
import KubeSimStorage

/// The logic of one controller: which resources it watches, which keys an event makes
/// stale, and how it converges one key. `ControllerService` runs it.
protocol Reconciler: Sendable {
    /// A short name for logs.
    var name: String { get }
    /// The resources whose events the controller follows; `nil` follows every resource.
    var watchedResources: [GroupResource]? { get }
    /// The resource whose objects a periodic resync reconciles again.
    var primaryResource: GroupResource { get }
    /// The keys `event` makes stale. The cache already reflects the event.
    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey]
    /// Converges one key; returns a delay after which to reconcile it again, if wanted.
    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration?
}

extension Reconciler {
    /// The default: an event makes its own object stale when it is of the primary resource.
    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        event.resource == primaryResource ? [ObjectKey(event.resource, object: event.object)] : []
    }

    /// The key of the controlling owner of `object`, when the owner is of `kind`.
    func ownerKey(of object: KubeObject, kind: String, resource: GroupResource) -> [ObjectKey] {
        guard let owner = object.controllerReference, owner.kind == kind else { return [] }
        return [ObjectKey(resource, namespace: object.namespace, name: owner.name)]
    }
}
