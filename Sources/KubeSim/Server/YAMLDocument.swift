import KubeCore
import Yams

/// Reads YAML request bodies (server-side apply sends `application/apply-patch+yaml`) into
/// JSON values, resolving plain scalars the way YAML 1.1 core schema does: `3` is an
/// integer, `true` a Boolean, `null` and `~` null; quoted scalars stay strings.
enum YAMLDocument {
    /// Parses one YAML (or JSON, which is YAML) document.
    static func parse(_ bytes: [UInt8]) throws(KubeAPIError) -> JSONValue {
        let text = String(decoding: bytes, as: UTF8.self)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw KubeAPIError.badRequest("error converting YAML to JSON: \(error)")
        }
        guard let node else { throw KubeAPIError.badRequest("the YAML document is empty") }
        return convert(node)
    }

    private static func convert(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { JSONValue.int(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var members: JSONObject = [:]
            for (key, value) in mapping {
                members[key.string ?? ""] = convert(value)
            }
            return .object(members)
        case .sequence(let sequence):
            return .array(sequence.map(convert))
        case .alias:
            return .null
        }
    }
}
