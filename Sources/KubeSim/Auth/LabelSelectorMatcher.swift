import KubeCore

/// A `LabelSelector` object (`matchLabels`, `matchExpressions`) as a predicate on labels.
struct LabelSelectorMatcher: Sendable {
    private let matchLabels: [String: String]
    private let expressions: [(key: String, operator: String, values: [String])]

    init(json: JSONValue) {
        var labels: [String: String] = [:]
        for (key, value) in json["matchLabels"]?.objectValue ?? [:] {
            if let text = value.stringValue { labels[key] = text }
        }
        matchLabels = labels
        expressions = (json["matchExpressions"]?.arrayValue ?? []).map { expression in
            (
                expression["key"]?.stringValue ?? "", expression["operator"]?.stringValue ?? "",
                expression["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
        }
    }

    /// Whether `labels` satisfy the selector; an empty selector matches everything.
    func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        for expression in expressions {
            let value = labels[expression.key]
            switch expression.operator {
            case "In": if value.map(expression.values.contains) != true { return false }
            case "NotIn": if let value, expression.values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }
}
