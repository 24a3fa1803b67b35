import Foundation
import Testing
@testable import KubeClient

@Suite("retry policy")
struct RetryPolicyTests {
    @Test("backoff doubles from the initial delay and stops at the maximum")
    func schedule() {
        let policy = RetryPolicy(maxAttempts: 10, initialDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: 0.5)
        let delays = (1...6).map { policy.delay(afterAttempt: $0, random: 0) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
    }

    @Test("jitter adds up to its fraction of the delay")
    func jitter() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(10), jitter: 0.5)
        #expect(policy.delay(afterAttempt: 1, random: 0.5) == .milliseconds(125))
        #expect(policy.delay(afterAttempt: 2, random: 0.999999) < .milliseconds(300))
        #expect(policy.delay(afterAttempt: 2, random: 0.999999) > .milliseconds(299))
    }

    @Test("Retry-After overrides the backoff, capped at the maximum delay")
    func retryAfter() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(30))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3), random: 0.9) == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(300), random: 0) == .seconds(30))
    }

    @Test("Retry-After is read as seconds or as an HTTP date")
    func parsing() {
        #expect(RetryPolicy.parseRetryAfter("7") == .seconds(7))
        #expect(RetryPolicy.parseRetryAfter(" 0 ") == .zero)
        #expect(RetryPolicy.parseRetryAfter("-1") == nil)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now: now) == .seconds(5))
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
    }

    @Test("POST is retried only on 429 or when it never reached the server")
    func postRules() {
        #expect(RetryPolicy.mayRetry(method: "GET", status: 503))
        #expect(RetryPolicy.mayRetry(method: "PUT", status: 500))
        #expect(!RetryPolicy.mayRetry(method: "POST", status: 503))
        #expect(RetryPolicy.mayRetry(method: "POST", status: 429))
        #expect(!RetryPolicy.mayRetry(method: "GET", status: 404))
        #expect(!RetryPolicy.mayRetry(method: "POST", reachedServer: true))
        #expect(RetryPolicy.mayRetry(method: "POST", reachedServer: false))
        #expect(RetryPolicy.mayRetry(method: "DELETE", reachedServer: true))
    }
}
