import Synchronization
import Testing
@testable import KubeClient

@Suite("rate limiter")
struct RateLimiterTests {
    final class ManualClock: Sendable {
        let elapsed = Mutex<Duration>(.zero)
        func advance(_ duration: Duration) { elapsed.withLock { $0 += duration } }
        var now: Duration { elapsed.withLock { $0 } }
    }

    @Test("a full bucket lets a burst through, then spaces requests at 1/QPS")
    func burstThenSpacing() async {
        let clock = ManualClock()
        let limiter = RateLimiter(queriesPerSecond: 5, burst: 10, now: { clock.now })
        for _ in 0..<10 { #expect(await limiter.reserve() == .zero) }
        #expect(await limiter.reserve() == .milliseconds(200))
        #expect(await limiter.reserve() == .milliseconds(400))
        clock.advance(.seconds(1))
        // 1 s refills 5 tokens, paying back the 2 reserved: 3 remain.
        for _ in 0..<3 { #expect(await limiter.reserve() == .zero) }
        #expect(await limiter.reserve() == .milliseconds(200))
    }

    @Test("the bucket never holds more than the burst")
    func burstCap() async {
        let clock = ManualClock()
        let limiter = RateLimiter(queriesPerSecond: 100, burst: 2, now: { clock.now })
        clock.advance(.seconds(60))
        #expect(await limiter.reserve() == .zero)
        #expect(await limiter.reserve() == .zero)
        #expect(await limiter.reserve() == .milliseconds(10))
    }

    @Test("acquire sleeps for the reserved wait")
    func acquireSleeps() async throws {
        let clock = ManualClock()
        let slept = Mutex<[Duration]>([])
        let limiter = RateLimiter(queriesPerSecond: 2, burst: 1, now: { clock.now }, sleep: { duration in slept.withLock { $0.append(duration) } })
        try await limiter.acquire()
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(slept.withLock { $0 } == [.milliseconds(500), .seconds(1)])
    }

    @Test("a rate of zero disables limiting")
    func disabled() async {
        let limiter = RateLimiter(queriesPerSecond: 0, burst: 1, now: { .zero })
        for _ in 0..<100 { #expect(await limiter.reserve() == .zero) }
    }
}
