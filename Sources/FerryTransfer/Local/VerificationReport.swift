/// The comparison of a source and a destination tree by content checksum.
public struct VerificationReport: Sendable, Hashable {
    /// Entries compared.
    public var filesCompared: Int
    /// The differences, each as `path: reason`; empty when the trees are equal.
    public var mismatches: [String]

    /// Creates a report.
    public init(filesCompared: Int, mismatches: [String] = []) {
        self.filesCompared = filesCompared
        self.mismatches = mismatches
    }

    /// Whether the trees are equal.
    public var isClean: Bool { mismatches.isEmpty }

    /// The mismatches for a message: the first `limit`, then `and N more`.
    public func summary(limit: Int = 20) -> String {
        let shown = mismatches.prefix(limit).joined(separator: "; ")
        return mismatches.count > limit ? "\(shown); and \(mismatches.count - limit) more" : shown
    }
}
