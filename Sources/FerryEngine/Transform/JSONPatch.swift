public import KubeCore

/// Builds RFC 6902 JSON patches between two JSON documents.
public enum JSONPatch {
    /// The operations that turn `source` into `target`, as a JSON array.
    ///
    /// Objects are compared member by member and arrays of equal length element by element,
    /// so each operation sits at the deepest differing path; arrays whose length changed are
    /// replaced whole, which keeps indices in the patch unambiguous.
    public static func diff(from source: JSONValue, to target: JSONValue) -> JSONValue {
        var operations: [JSONValue] = []
        diff(source, target, pointer: "", into: &operations)
        return .array(operations)
    }

    /// Escapes one reference token of a JSON pointer (`~` → `~0`, `/` → `~1`).
    public static func escape(_ token: String) -> String {
        var escaped = ""
        for character in token {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func diff(_ source: JSONValue, _ target: JSONValue, pointer: String, into operations: inout [JSONValue]) {
        guard source != target else { return }
        switch (source, target) {
        case (.object(let before), .object(let after)):
            for key in before.keys.sorted() where after[key] == nil {
                operations.append(["op": "remove", "path": .string(pointer + "/" + escape(key))])
            }
            for key in after.keys.sorted() {
                let path = pointer + "/" + escape(key)
                if let old = before[key] {
                    diff(old, after[key]!, pointer: path, into: &operations)
                } else {
                    operations.append(["op": "add", "path": .string(path), "value": after[key]!])
                }
            }
        case (.array(let before), .array(let after)) where before.count == after.count:
            for index in before.indices {
                diff(before[index], after[index], pointer: pointer + "/\(index)", into: &operations)
            }
        default:
            operations.append(["op": "replace", "path": .string(pointer), "value": target])
        }
    }
}
