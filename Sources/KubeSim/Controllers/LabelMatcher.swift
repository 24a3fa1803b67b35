import KubeCore

/// A label selector as objects carry it (`matchLabels` and `matchExpressions`), or a plain
/// label map as Services and ReplicationControllers carry it.
struct LabelMatcher: Sendable, Hashable {
    struct Requirement: Sendable, Hashable {
        var key: String
        var `operator`: String
        var values: [String]
    }

    var matchLabels: [String: String]
    var requirements: [Requirement]

    /// A selector from a `LabelMatcher` JSON object (`matchLabels`/`matchExpressions`).
    init(json: JSONValue?) {
        matchLabels = Self.stringMap(json?["matchLabels"])
        requirements = (json?["matchExpressions"]?.arrayValue ?? []).compactMap { expression in
            guard let key = expression["key"]?.stringValue, let op = expression["operator"]?.stringValue else { return nil }
            return Requirement(key: key, operator: op, values: expression["values"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }

    /// A selector matching every label of a plain map.
    init(labels: [String: String]) {
        matchLabels = labels
        requirements = []
    }

    /// Whether the selector selects nothing at all (an empty selector selects everything).
    var isEmpty: Bool { matchLabels.isEmpty && requirements.isEmpty }

    func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        for requirement in requirements {
            let value = labels[requirement.key]
            switch requirement.operator {
            case "In": if !(value.map(requirement.values.contains) ?? false) { return false }
            case "NotIn": if let value, requirement.values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
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
