import KubeCore
import Synchronization

/// One open watch: what it selects and where its events go.
///
/// Events are yielded while the store lock is held, so every watcher sees changes in
/// resource-version order. The stream's termination handler only raises `terminated`
/// (it may run inside the lock); the store drops terminated watchers on its next pass.
final class StoreWatcher: Sendable {
    let id: Int
    let resource: GroupResource?
    let namespace: String?
    let labelSelector: LabelSelector
    let fieldSelector: FieldSelector
    let continuation: AsyncStream<WatchEvent>.Continuation
    let allowsBookmarks: Bool
    let terminated = Atomic<Bool>(false)

    init(
        id: Int, resource: GroupResource?, namespace: String?, labelSelector: LabelSelector, fieldSelector: FieldSelector,
        continuation: AsyncStream<WatchEvent>.Continuation, allowsBookmarks: Bool
    ) {
        self.id = id
        self.resource = resource
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.continuation = continuation
        self.allowsBookmarks = allowsBookmarks
    }

    var isTerminated: Bool { terminated.load(ordering: .relaxed) }

    func selects(_ object: KubeObject) -> Bool {
        if let namespace, object.namespace ?? "" != namespace { return false }
        return labelSelector.matches(object.labels) && fieldSelector.matches(object)
    }

    /// Sends `change` as this watcher sees it: an update that moves an object into or out of
    /// the selection arrives as ADDED or DELETED, as kube-apiserver does.
    func deliver(_ change: StoreChange) {
        if let resource, resource != change.resource { return }
        let selectsNew = selects(change.object)
        switch change.type {
        case .modified:
            let selectsOld = change.previous.map(selects) ?? selectsNew
            if selectsNew && selectsOld {
                continuation.yield(WatchEvent(type: .modified, object: change.object, resource: change.resource))
            } else if selectsNew {
                continuation.yield(WatchEvent(type: .added, object: change.object, resource: change.resource))
            } else if selectsOld {
                continuation.yield(WatchEvent(type: .deleted, object: change.object, resource: change.resource))
            }
        default:
            if selectsNew { continuation.yield(WatchEvent(type: change.type, object: change.object, resource: change.resource)) }
        }
    }
}

/// One committed change, as kept in the watch history.
struct StoreChange: Sendable {
    var resourceVersion: UInt64
    var type: WatchEvent.EventType
    var resource: GroupResource
    var object: KubeObject
    /// The object before a MODIFIED change.
    var previous: KubeObject?
}
