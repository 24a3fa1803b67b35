import DequeModule
import Synchronization

/// A queue of keys for a pool of workers, with the guarantees a controller needs:
///
/// - a key waits at most once, however often it is added (changes collapse);
/// - a key is never handed to two workers at once: a key added while a worker holds it is
///   handed out again after that worker calls `done(_:)`;
/// - `add(_:after:)` delays a key, and `retry(_:)` delays it by an exponential backoff that
///   grows with each failure until `forget(_:)`;
/// - `shutdown()` (or cancelling a waiting worker) makes `next()` return `nil`.
///
/// Delays need `run()` to be running (`ControllerService` runs it next to the workers).
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Key?, Never>
    }

    struct State {
        var ready = Deque<Key>()
        var dirty = Set<Key>()
        var processing = Set<Key>()
        var delayed: [Key: ContinuousClock.Instant] = [:]
        var failures: [Key: Int] = [:]
        var waiters = Deque<Waiter>()
        var nextWaiterID: UInt64 = 0
        var timer: CheckedContinuation<Void, Never>?
        var isShutDown = false

        /// Marks `key` as needing work and hands it to a waiting worker if one is idle.
        mutating func enqueue(_ key: Key) {
            guard !isShutDown, dirty.insert(key).inserted else { return }
            guard !processing.contains(key) else { return }
            ready.append(key)
            dispatch()
        }

        mutating func dispatch() {
            while !waiters.isEmpty, let key = take() {
                waiters.removeFirst().continuation.resume(returning: key)
            }
        }

        mutating func take() -> Key? {
            guard !isShutDown, let key = ready.popFirst() else { return nil }
            dirty.remove(key)
            processing.insert(key)
            return key
        }

        mutating func wakeTimer() {
            timer?.resume()
            timer = nil
        }
    }

    let state = Mutex(State())
    private let backoff: Backoff
    let clock = ContinuousClock()

    /// Creates a queue whose retries back off according to `backoff`.
    public init(backoff: Backoff = Backoff()) {
        self.backoff = backoff
    }

    /// Adds a key now, unless it already waits.
    public func add(_ key: Key) {
        state.withLock { $0.enqueue(key) }
    }

    /// Adds a key once `delay` has passed; an earlier pending delay for the same key wins.
    public func add(_ key: Key, after delay: Duration) {
        guard delay > .zero else { return add(key) }
        let deadline = clock.now.advanced(by: delay)
        state.withLock { state in
            guard !state.isShutDown else { return }
            if let existing = state.delayed[key], existing <= deadline { return }
            state.delayed[key] = deadline
            state.wakeTimer()
        }
    }

    /// Adds a key after a backoff that doubles with each consecutive failure of that key.
    public func retry(_ key: Key) {
        let failures = state.withLock { state in
            state.failures[key, default: 0] += 1
            return state.failures[key, default: 1]
        }
        add(key, after: backoff.delay(afterFailures: failures))
    }

    /// Resets the failure count of a key (after it was reconciled successfully).
    public func forget(_ key: Key) {
        _ = state.withLock { $0.failures.removeValue(forKey: key) }
    }

    /// How many consecutive failures `key` has had since it was last forgotten.
    public func failures(of key: Key) -> Int {
        state.withLock { $0.failures[key, default: 0] }
    }

    /// The next key to work on, waiting until there is one; `nil` once the queue is shut
    /// down or the calling task is cancelled. Call `done(_:)` when finished with the key.
    public func next() async -> Key? {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                state.withLock { state in
                    if let key = state.take() {
                        continuation.resume(returning: key)
                    } else if state.isShutDown || Task.isCancelled {
                        continuation.resume(returning: nil)
                    } else {
                        state.waiters.append(Waiter(id: id, continuation: continuation))
                    }
                }
            }
        } onCancel: {
            state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return }
                state.waiters.remove(at: index).continuation.resume(returning: nil)
            }
        }
    }

    /// Releases a key taken with `next()`; if it was added meanwhile, it waits again.
    public func done(_ key: Key) {
        state.withLock { state in
            state.processing.remove(key)
            guard !state.isShutDown, state.dirty.contains(key) else { return }
            state.ready.append(key)
            state.dispatch()
        }
    }

    /// Stops the queue: waiting and future `next()` calls return `nil`, `run()` returns.
    public func shutdown() {
        state.withLock { state in
            state.isShutDown = true
            while let waiter = state.waiters.popFirst() { waiter.continuation.resume(returning: nil) }
            state.wakeTimer()
        }
    }

    /// Keys waiting to be handed out (not counting delayed ones).
    public var readyCount: Int { state.withLock { $0.ready.count } }

    /// Keys waiting for their delay to pass.
    public var delayedCount: Int { state.withLock { $0.delayed.count } }

    /// Whether a worker holds `key` right now.
    public func isProcessing(_ key: Key) -> Bool { state.withLock { $0.processing.contains(key) } }
}
