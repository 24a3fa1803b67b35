import Crypto

/// SHA-256 content digests as registries write them: `sha256:` and 64 lowercase hex digits.
enum ContentDigest {
    /// Whether `text` is a well-formed SHA-256 digest.
    static func isValid(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.dropFirst("sha256:".count)
        return hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The digest of `bytes`.
    static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return text(of: hasher.finalize())
    }

    /// The registry form of a finished SHA-256 hash.
    static func text(of hash: SHA256.Digest) -> String {
        "sha256:" + hash.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
