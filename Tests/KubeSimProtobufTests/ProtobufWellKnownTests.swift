@testable import KubeSimProtobuf
import Testing

@Suite("Kubernetes well-known protobuf values")
struct ProtobufWellKnownTests {
    @Test("durations print the way Go's time.Duration does", arguments: [
        (Int64(0), "0s"), (1, "1ns"), (1_500, "1.5µs"), (2_000_000, "2ms"), (1_500_000_000, "1.5s"),
        (90_000_000_000, "1m30s"), (3_600_000_000_000, "1h0m0s"), (-5_000_000_000, "-5s"),
    ])
    func goDurations(nanoseconds: Int64, expected: String) {
        #expect(ProtobufWellKnown.formatGoDuration(nanoseconds) == expected)
    }

    @Test("timestamps print as RFC 3339 in UTC, MicroTime with six fraction digits")
    func timestamps() {
        #expect(ProtobufWellKnown.formatRFC3339(seconds: 0, nanos: 0, fractionDigits: 0) == "1970-01-01T00:00:00Z")
        #expect(ProtobufWellKnown.formatRFC3339(seconds: 951_782_400, nanos: 0, fractionDigits: 0) == "2000-02-29T00:00:00Z")
        #expect(ProtobufWellKnown.formatRFC3339(seconds: -1, nanos: 0, fractionDigits: 0) == "1969-12-31T23:59:59Z")
        #expect(ProtobufWellKnown.formatRFC3339(seconds: 1_795_237_647, nanos: 123_456_789, fractionDigits: 6)
            == "2026-11-21T05:07:27.123456Z")
    }
}
