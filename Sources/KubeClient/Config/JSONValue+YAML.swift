import KubeCore
import Yams

extension JSONValue {
    /// Converts a YAML node, resolving plain scalars to Booleans, integers, floats and null
    /// as YAML 1.1 core schema does, and keeping quoted scalars as strings.
    init(yamlNode node: Node) {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else {
                self = .string(scalar.string)
                return
            }
            if let bool = node.bool { self = .bool(bool); return }
            if let int = node.int { self = .int(Int64(int)); return }
            if node.null != nil, scalar.string.isEmpty || scalar.string == "~" || scalar.string.lowercased() == "null" {
                self = .null
                return
            }
            if let double = node.float, scalar.string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                self = .double(double)
                return
            }
            self = .string(scalar.string)
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
