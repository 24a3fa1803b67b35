/// Names of the mover's resources: Kubernetes object names of at most 253 characters.
enum ResourceNames {
    static let maximumLength = 253

    /// `name` when short enough; otherwise its start and a hash of the whole, so two long
    /// names stay distinct.
    static func bounded(_ name: String) -> String {
        let lowered = name.lowercased()
        guard lowered.count > maximumLength else { return lowered }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in lowered.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let suffix = String(hash, radix: 16)
        return String(lowered.prefix(maximumLength - suffix.count - 1)) + "-" + suffix
    }
}
