import KubeCore

/// Names derived the way Kubernetes derives them.
enum NameGenerator {
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// Five random characters from Kubernetes' name alphabet.
    static func randomSuffix() -> String {
        String((0..<5).map { _ in alphabet.randomElement()! })
    }

    /// A short stable hash of a JSON value (FNV-1a over its serialization), in the
    /// alphabet Kubernetes uses for `pod-template-hash`.
    static func hash(of value: JSONValue) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in value.serialized() {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        var text = ""
        var remaining = hash
        repeat {
            text.append(alphabet[Int(remaining % UInt32(alphabet.count))])
            remaining /= UInt32(alphabet.count)
        } while remaining > 0
        return text
    }
}

extension NameGenerator {
    /// A 64-hex-digit digest-like string derived from a value (not cryptographic; names only).
    static func hexDigest(of value: JSONValue) -> String {
        var state: UInt64 = 14_695_981_039_346_656_037
        var text = ""
        let bytes = value.serialized()
        for round in 0..<4 {
            for byte in bytes {
                state ^= UInt64(byte)
                state = state &* 1_099_511_628_211
            }
            state ^= UInt64(round)
            text += String(state, radix: 16).leftPadded(to: 16)
        }
        return text
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

extension NameGenerator {
    /// A stable bucket in `0..<count` for a name.
    static func bucket(of name: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(max(count, 1)))
    }
}
