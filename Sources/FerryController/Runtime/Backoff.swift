/// Exponential backoff for keys whose reconciliation failed: `base · 2^(failures-1)`, at most
/// `maximum`.
public struct Backoff: Sendable, Hashable {
    /// The delay after the first failure.
    public var base: Duration
    /// The longest delay.
    public var maximum: Duration

    /// Creates a backoff; client-go's controller defaults are 5 ms and 1000 s, Ferry caps at
    /// 5 minutes so a fixed problem is noticed soon.
    public init(base: Duration = .milliseconds(5), maximum: Duration = .seconds(300)) {
        self.base = base
        self.maximum = maximum
    }

    /// The delay after `failures` consecutive failures (1 or more).
    public func delay(afterFailures failures: Int) -> Duration {
        let exponent = Swift.max(0, Swift.min(failures - 1, 40))
        let delay = base * Double(1 << Swift.min(exponent, 30))
        return exponent >= 30 ? maximum : Swift.min(delay, maximum)
    }
}
