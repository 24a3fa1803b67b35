import KubeCore
import Yams

extension JSONValue {
    /// Converts a YAML node the way kubectl reads it: plain scalars resolve to Booleans,
    /// integers, floats and null; quoted scalars stay strings.
    init(yamlNode node: Node) {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else {
                self = .string(scalar.string)
                return
            }
            let text = scalar.string
            switch text {
            case "", "~", "null", "Null", "NULL": self = .null
            case "true", "True", "TRUE": self = .bool(true)
            case "false", "False", "FALSE": self = .bool(false)
            default:
                if let int = Int64(text) {
                    self = .int(int)
                } else if text.contains(where: { $0.isNumber }), text.allSatisfy({ "0123456789.eE+-".contains($0) }),
                          let double = Double(text) {
                    self = .double(double)
                } else {
                    self = .string(text)
                }
            }
        case .mapping(let mapping):
            var members: JSONObject = [:]
            for (key, value) in mapping {
                members[key.string ?? ""] = JSONValue(yamlNode: value)
            }
            self = .object(members)
        case .sequence(let sequence):
            self = .array(sequence.map { JSONValue(yamlNode: $0) })
        case .alias:
            self = .null
        }
    }
}
