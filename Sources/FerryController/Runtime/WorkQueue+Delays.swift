extension WorkQueue {
    /// Moves delayed keys into the queue when their time comes, until the queue is shut down
    /// or the task is cancelled.
    public func run() async {
        // Sleeps are capped so that a key delayed less than the current sleep is not late by
        // more than this.
        let tick = Duration.milliseconds(50)
        while !Task.isCancelled {
            let now = clock.now
            let step: TimerStep = state.withLock { state in
                guard !state.isShutDown else { return .stop }
                for (key, deadline) in state.delayed where deadline <= now {
                    state.delayed.removeValue(forKey: key)
                    state.enqueue(key)
                }
                return state.delayed.values.min().map { .sleep(until: min($0, now.advanced(by: tick))) } ?? .park
            }
            switch step {
            case .stop:
                return
            case .sleep(let instant):
                try? await Task.sleep(until: instant, clock: clock)
            case .park:
                await waitForDelayedKey()
            }
        }
    }

    private enum TimerStep {
        case stop
        case sleep(until: ContinuousClock.Instant)
        case park
    }

    private func waitForDelayedKey() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                state.withLock { state in
                    if state.isShutDown || Task.isCancelled || !state.delayed.isEmpty {
                        continuation.resume()
                    } else {
                        state.timer = continuation
                    }
                }
            }
        } onCancel: {
            state.withLock { $0.wakeTimer() }
        }
    }
}
