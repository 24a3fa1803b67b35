/// A client-side token bucket, as client-go's: `queriesPerSecond` tokens a second up to
/// `burst`, one token per request. Callers that find the bucket empty reserve a future token
/// and sleep until it is due, so waiting callers are served in arrival order.
public actor RateLimiter {
    private let queriesPerSecond: Double
    private let burst: Double
    private let now: @Sendable () -> Duration
    private let sleep: @Sendable (Duration) async throws -> Void
    private var tokens: Double
    private var updated: Duration

    /// Creates a limiter; `now` reads a monotonic clock and `sleep` waits, both injectable
    /// for tests. A rate of 0 or less never waits.
    public init(
        queriesPerSecond: Double, burst: Int,
        now: @escaping @Sendable () -> Duration = RateLimiter.monotonicNow,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.queriesPerSecond = queriesPerSecond
        self.burst = Double(max(burst, 1))
        self.now = now
        self.sleep = sleep
        self.tokens = Double(max(burst, 1))
        self.updated = now()
    }

    /// The time since an arbitrary fixed point, from the continuous clock.
    public static let monotonicNow: @Sendable () -> Duration = { processStart.duration(to: .now) }

    private static let processStart = ContinuousClock.now

    /// Takes a token, returning how long the caller must wait before using it.
    public func reserve() -> Duration {
        guard queriesPerSecond > 0 else { return .zero }
        let current = now()
        let elapsed = Self.seconds(current - updated)
        updated = current
        tokens = min(burst, tokens + elapsed * queriesPerSecond)
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .nanoseconds(Int64((-tokens / queriesPerSecond * 1_000_000_000).rounded(.up)))
    }

    /// Waits until a request may be sent.
    public func acquire() async throws {
        let wait = reserve()
        if wait > .zero { try await sleep(wait) }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
