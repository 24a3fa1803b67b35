/// A label selector: a conjunction of requirements on an object's labels.
///
/// Built from the query-string syntax (`app=web,tier!=db,env in (a,b),!legacy`) or from the
/// JSON `LabelSelector` of a workload spec (`matchLabels` + `matchExpressions`).
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// How a requirement compares a label.
    public enum Operator: String, Sendable, Hashable {
        /// `key=value` / `key==value`: the label exists with this value.
        case equals = "="
        /// `key!=value`: the label is missing or has another value.
        case notEquals = "!="
        /// `key in (a,b)`: the label exists with one of the values.
        case `in` = "in"
        /// `key notin (a,b)`: the label is missing or has none of the values.
        case notIn = "notin"
        /// `key`: the label exists.
        case exists = "exists"
        /// `!key`: the label is missing.
        case doesNotExist = "!"
    }

    /// One condition on one label key.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// The label key.
        public var key: String
        /// The comparison.
        public var op: Operator
        /// The values compared against (empty for `exists`/`doesNotExist`).
        public var values: [String]

        /// Creates a requirement.
        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values
        }

        /// Whether `labels` satisfy this requirement.
        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .equals: return value == values.first
            case .notEquals: return value != values.first
            case .in: return value.map(values.contains) ?? false
            case .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            }
        }

        /// The requirement in query-string syntax.
        public var description: String {
            switch op {
            case .equals, .notEquals: return "\(key)\(op.rawValue)\(values.first ?? "")"
            case .in, .notIn: return "\(key) \(op.rawValue) (\(values.joined(separator: ",")))"
            case .exists: return key
            case .doesNotExist: return "!\(key)"
            }
        }
    }

    /// The requirements, all of which must hold.
    public var requirements: [Requirement]

    /// Creates a selector; no requirements selects everything.
    public init(requirements: [Requirement] = []) {
        self.requirements = requirements
    }

    /// A selector that selects every object.
    public static let everything = LabelSelector()

    /// A selector requiring exactly these labels.
    public init(matchLabels: [String: String]) {
        self.requirements = matchLabels.keys.sorted().map { Requirement(key: $0, op: .equals, values: [matchLabels[$0]!]) }
    }

    /// Whether this selector has no requirements (and so selects everything).
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether `labels` satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// The selector in query-string syntax.
    public var description: String { requirements.map(\.description).joined(separator: ",") }
}

extension LabelSelector {
    /// Reads the JSON `LabelSelector` form (`matchLabels`, `matchExpressions` with `In`,
    /// `NotIn`, `Exists`, `DoesNotExist`). An empty object selects everything.
    public init(json: JSONValue) throws(KubeAPIError) {
        guard let members = json.objectValue else {
            throw KubeAPIError.badRequest("a label selector must be an object")
        }
        var requirements: [Requirement] = []
        if let matchLabels = members["matchLabels"]?.objectValue {
            for key in matchLabels.keys.sorted() {
                guard let value = matchLabels[key]?.stringValue else {
                    throw KubeAPIError.badRequest("matchLabels[\(key)] must be a string")
                }
                try Self.validateKey(key)
                try Self.validateValue(value, key: key)
                requirements.append(Requirement(key: key, op: .equals, values: [value]))
            }
        }
        for expression in members["matchExpressions"]?.arrayValue ?? [] {
            guard let key = expression["key"]?.stringValue, let operatorName = expression["operator"]?.stringValue else {
                throw KubeAPIError.badRequest("a matchExpressions entry needs a key and an operator")
            }
            try Self.validateKey(key)
            let values = expression["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
            switch operatorName {
            case "In", "NotIn":
                guard !values.isEmpty else {
                    throw KubeAPIError.badRequest("values: Required value: must be specified when `operator` is 'In' or 'NotIn'")
                }
                requirements.append(Requirement(key: key, op: operatorName == "In" ? .in : .notIn, values: values))
            case "Exists", "DoesNotExist":
                guard values.isEmpty else {
                    throw KubeAPIError.badRequest("values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")
                }
                requirements.append(Requirement(key: key, op: operatorName == "Exists" ? .exists : .doesNotExist))
            default:
                throw KubeAPIError.badRequest("operator: Unsupported value: \"\(operatorName)\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"")
            }
        }
        self.init(requirements: requirements)
    }

    /// Checks a label key: an optional DNS subdomain prefix and `/`, then a name of at most
    /// 63 alphanumerics, `-`, `_`, `.` that starts and ends alphanumeric.
    public static func validateKey(_ key: String) throws(KubeAPIError) {
        if let message = LabelSyntax.keyError(key) {
            throw KubeAPIError.badRequest("unable to parse requirement: key: Invalid value: \"\(key)\": \(message)")
        }
    }

    /// Checks a label value: empty, or at most 63 alphanumerics, `-`, `_`, `.` that starts
    /// and ends alphanumeric.
    public static func validateValue(_ value: String, key: String) throws(KubeAPIError) {
        if let message = LabelSyntax.valueError(value) {
            throw KubeAPIError.badRequest("unable to parse requirement: values[0][\(key)]: Invalid value: \"\(value)\": \(message)")
        }
    }
}
