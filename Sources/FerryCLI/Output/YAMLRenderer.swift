public import KubeCore
import Yams

/// Objects as YAML the way kubectl prints them: keys in Kubernetes order (`apiVersion`,
/// `kind`, `metadata`, …), strings quoted only when they would read back as another type.
public enum YAMLRenderer {
    /// One YAML document for `value`.
    public static func render(_ value: JSONValue) -> String {
        // Every node is a plain string, mapping or sequence, which the emitter always accepts.
        (try? Yams.serialize(node: node(value), width: -1)) ?? value.serializedString(pretty: true) + "\n"
    }

    /// `objects` as `---`-separated documents.
    public static func render(documents objects: [KubeObject]) -> String {
        objects.map { render($0.json) }.joined(separator: "---\n")
    }

    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null:
            return Node("null", Tag(.null))
        case .bool(let bool):
            return Node(bool ? "true" : "false", Tag(.bool))
        case .int(let int):
            return Node(String(int), Tag(.int))
        case .double:
            return Node(value.serializedString(), Tag(.float))
        case .string(let string):
            return stringNode(string)
        case .array(let elements):
            return Node(elements.map(node))
        case .object(let members):
            return Node(JSONValue.orderedKeys(members).map { key in (stringNode(key), node(members[key] ?? .null)) })
        }
    }

    private static func stringNode(_ string: String) -> Node {
        if string.contains("\n") { return Node(string, Tag(.str), .literal) }
        let plain = Node(string)
        return Resolver.default.resolveTag(of: plain) == .str ? plain : Node(string, Tag(.str), .singleQuoted)
    }
}
