import KubeCore

/// A plain label map as Services, ReplicationControllers and node selectors carry it; the
/// `matchLabels`/`matchExpressions` form is KubeCore's `LabelSelector`.
struct LabelMatcher: Sendable, Hashable {
    var matchLabels: [String: String]

    /// A selector matching every label of a plain map.
    init(labels: [String: String]) {
        matchLabels = labels
    }

    /// Whether the selector selects nothing at all (an empty selector selects everything).
    var isEmpty: Bool { matchLabels.isEmpty }

    func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        return true
    }

    static func stringMap(_ json: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in json?.objectValue ?? [:] {
            if let text = value.stringValue { result[key] = text }
        }
        return result
    }
}
