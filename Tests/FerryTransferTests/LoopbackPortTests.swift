#if canImport(Glibc)
import Glibc
#endif
@testable import FerryTransfer
import Testing

@Suite("Loopback ports")
struct LoopbackPortTests {
    @Test("ports for the tunnel are distinct, free, and outside the range the kernel hands out as source ports")
    func portsAvoidTheEphemeralRange() throws {
        let ports = try LoopbackPort.free(count: 24)
        #expect(Set(ports).count == 24)
        #expect(ports.allSatisfy { !LoopbackPort.accepts(port: $0) })
        let range = try #require(LoopbackPort.belowEphemeralRange(), "this machine's ephemeral range starts below 11000")
        #expect(ports.allSatisfy { range.contains($0) }, "\(ports) not in \(range)")
        #expect(range.lowerBound == 10000 && range.upperBound < 65536)
    }
}
