import Synchronization

/// A queue of keys to reconcile that holds each key at most once: a key added again while
/// it waits is reconciled once, with the state current at that time.
final class WorkQueue: Sendable {
    private struct State {
        var order: [ObjectKey] = []
        var pending: Set<ObjectKey> = []
    }

    private let state = Mutex(State())
    private let signalContinuation: AsyncStream<Void>.Continuation
    /// Yields whenever keys are waiting; consumers then `drain()`.
    let signals: AsyncStream<Void>

    init() {
        (signals, signalContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Adds a key unless it already waits.
    func add(_ key: ObjectKey) {
        let added = state.withLock { state in
            guard state.pending.insert(key).inserted else { return false }
            state.order.append(key)
            return true
        }
        if added { signalContinuation.yield() }
    }

    /// Adds keys unless they already wait.
    func add(contentsOf keys: some Sequence<ObjectKey>) {
        for key in keys { add(key) }
    }

    /// Takes every waiting key, oldest first.
    func drain() -> [ObjectKey] {
        state.withLock { state in
            let keys = state.order
            state.order.removeAll(keepingCapacity: true)
            state.pending.removeAll(keepingCapacity: true)
            return keys
        }
    }

    /// Ends `signals`.
    func finish() {
        signalContinuation.finish()
    }
}
