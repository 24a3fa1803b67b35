import Synchronization

/// When a server started in the background begins to accept connections: callers wait for
/// its port, or for the error that kept it from starting.
///
/// Both of Ferry's HTTPS servers (the simulated API server and the web console) start inside
/// a `Service.run()`; whoever started them needs the port (possibly chosen by the system)
/// before talking to them.
public final class ServingLatch: Sendable {
    private enum State {
        case starting([CheckedContinuation<Int, any Error>])
        case serving(Int)
        case failed(any Error)
    }

    private let state = Mutex<State>(.starting([]))

    /// A latch for a server that has not started yet.
    public init() {}

    /// The port, once the server accepts connections.
    public var port: Int? {
        state.withLock { state in
            if case .serving(let port) = state { return port }
            return nil
        }
    }

    /// Waits until the server accepts connections and returns its port; throws the error that
    /// ended it before it did.
    public func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Int, any Error>? = state.withLock { state in
                switch state {
                case .starting(var waiters):
                    waiters.append(continuation)
                    state = .starting(waiters)
                    return nil
                case .serving(let port): return .success(port)
                case .failed(let error): return .failure(error)
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Records that the server listens on `port` and wakes every waiter; later calls change nothing.
    public func markServing(_ port: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard case .starting(let waiters) = state else { return [] }
            state = .serving(port)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    /// Records that the server ended before it served and wakes every waiter with `error`;
    /// a server that served already keeps its port.
    public func markFailed(_ error: any Error) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard case .starting(let waiters) = state else { return [] }
            state = .failed(error)
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }
}
