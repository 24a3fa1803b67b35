public import Foundation

/// When and how long to wait before trying a request again: exponential backoff with
/// jitter, overridden by the server's `Retry-After`.
public struct RetryPolicy: Sendable, Hashable {
    /// How many times one request is tried in all, counting the first.
    public var maxAttempts: Int
    /// The wait before the second attempt.
    public var initialDelay: Duration
    /// The longest wait between attempts, and the longest `Retry-After` honoured.
    public var maxDelay: Duration
    /// Up to this fraction of the delay is added at random, so clients do not retry in step.
    public var jitter: Double

    /// Creates a policy.
    public init(maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(30), jitter: Double = 0.5) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// The HTTP statuses worth trying again.
    public static func isRetryable(status: Int) -> Bool {
        [429, 500, 502, 503, 504].contains(status)
    }

    /// Whether a request that got `status` may be sent again: idempotent verbs always, POST
    /// only on 429, which the server sends before doing anything.
    public static func mayRetry(method: String, status: Int) -> Bool {
        guard isRetryable(status: status) else { return false }
        return method != "POST" || status == 429
    }

    /// Whether a request that failed in transport may be sent again: idempotent verbs
    /// always, POST only when it never reached the server.
    public static func mayRetry(method: String, reachedServer: Bool) -> Bool {
        method != "POST" || !reachedServer
    }

    /// The wait after failed attempt number `attempt` (1 for the first): `retryAfter` when
    /// the server gave one (capped at `maxDelay`), else `initialDelay · 2^(attempt-1)` capped
    /// at `maxDelay`, plus up to `jitter` of it scaled by `random` in `0..<1`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil, random: Double) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), maxDelay) }
        let exponent = min(max(attempt - 1, 0), 30)
        var base = initialDelay * (1 << exponent)
        if base > maxDelay || base < .zero { base = maxDelay }
        let extra = base * (jitter * min(max(random, 0), 1))
        return min(base + extra, maxDelay)
    }

    /// Reads a `Retry-After` header: delay-seconds or an HTTP-date (relative to `now`).
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) { return seconds >= 0 ? .seconds(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        let interval = date.timeIntervalSince(now)
        return interval <= 0 ? .zero : .milliseconds(Int64((interval * 1000).rounded(.up)))
    }
}
