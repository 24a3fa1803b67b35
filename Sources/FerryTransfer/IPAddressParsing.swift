import Foundation

/// Returns the 4 or 16 network-order bytes of an IPv4 or IPv6 address in text form, or nil
/// when `text` is not an address.
func ipAddressBytes(_ text: String) -> [UInt8]? {
    if let v4 = ipv4Bytes(text) { return v4 }
    return ipv6Bytes(text)
}

private func ipv4Bytes(_ text: String) -> [UInt8]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var bytes: [UInt8] = []
    for part in parts {
        guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
        bytes.append(value)
    }
    return bytes
}

private func ipv6Bytes(_ text: String) -> [UInt8]? {
    guard text.contains(":") else { return nil }
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ part: String) -> [UInt16]? {
        if part.isEmpty { return [] }
        var values: [UInt16] = []
        for group in part.split(separator: ":", omittingEmptySubsequences: false) {
            guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
            values.append(value)
        }
        return values
    }
    guard let head = groups(halves[0]) else { return nil }
    var all = head
    if halves.count == 2 {
        guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
        all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
    guard all.count == 8 else { return nil }
    return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
}
