/// What a reconciler wants after one pass over an object.
public enum ReconcileResult: Sendable, Hashable {
    /// The object has converged; reconcile it again only when something changes.
    case done
    /// Look at the object again after this long even if nothing changes (polling state that
    /// no watch reports, such as a remote cluster's reachability).
    case requeue(after: Duration)
}

/// Converges the world towards one object's desired state.
///
/// Reconcilers are level-based: they read the current state afresh on every call and must be
/// safe to call any number of times. A thrown error re-queues the key with exponential backoff.
public protocol Reconciler: Sendable {
    /// Reconciles the object named by `key` (which may no longer exist).
    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult
}
