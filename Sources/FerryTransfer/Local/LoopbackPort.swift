#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loopback TCP ports for the tunnel's listeners (and for the programs tests run beside them).
public enum LoopbackPort {
    /// `count` distinct ports nothing listens on right now.
    ///
    /// They are picked below the kernel's ephemeral range: a port from that range, free when
    /// picked, can become the source port of any outgoing connection (a readiness probe, an
    /// API call) before the tunnel process binds it, and that process then fails to start.
    /// Each pick is bound until all are found, so they differ; only when every try below the
    /// range is taken does the kernel pick.
    public static func free(count: Int) throws -> [Int] {
        var descriptors: [Int32] = []
        defer { descriptors.forEach { _ = close($0) } }
        var ports: [Int] = []
        let candidates = belowEphemeralRange()
        var tries = 0
        while ports.count < count {
            let port = tries < 64 ? candidates.map { Int.random(in: $0) } ?? 0 : 0
            tries += 1
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw TransferError(code: .tunnel, message: "socket() failed: errno \(errno)") }
            var address = loopback(port: port)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
                }
            }
            guard bound else {
                let error = errno
                close(descriptor)
                if port != 0 { continue }
                throw TransferError(code: .tunnel, message: "binding a loopback port failed: errno \(error)")
            }
            descriptors.append(descriptor)
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }

    /// Whether something accepts TCP connections on `127.0.0.1:port`.
    public static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Unprivileged ports under the start of the kernel's ephemeral range (Linux's
    /// `ip_local_port_range`, 32768 unless changed), from 10000; nil when the range starts lower.
    static func belowEphemeralRange() -> ClosedRange<Int>? {
        var start = 32768
        let descriptor = open("/proc/sys/net/ipv4/ip_local_port_range", O_RDONLY)
        if descriptor >= 0 {
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0, let low = Int(String(decoding: buffer[..<count].prefix(while: { (0x30...0x39).contains($0) }), as: UTF8.self)) {
                start = low
            }
        }
        return start > 11000 ? 10000...(start - 1) : nil
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
