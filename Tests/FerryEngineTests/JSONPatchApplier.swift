import KubeCore

/// A minimal RFC 6902 applier for `add`, `remove` and `replace`, to check produced patches.
enum JSONPatchApplier {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func apply(_ patch: JSONValue, to document: JSONValue) throws -> JSONValue {
        var result = document
        for operation in patch.arrayValue ?? [] {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw Failure(description: "malformed operation \(operation)")
            }
            let tokens = try tokens(of: path)
            switch op {
            case "add", "replace":
                guard let value = operation["value"] else { throw Failure(description: "\(op) without value") }
                try set(&result, tokens: tokens[...], value: value, op: op)
            case "remove":
                try set(&result, tokens: tokens[...], value: nil, op: op)
            default:
                throw Failure(description: "unsupported op \(op)")
            }
        }
        return result
    }

    static func tokens(of pointer: String) throws -> [String] {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { throw Failure(description: "pointer \(pointer) does not start with /") }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { token in
            var unescaped = ""
            var iterator = token.makeIterator()
            while let character = iterator.next() {
                if character == "~" {
                    unescaped.append(iterator.next() == "1" ? "/" : "~")
                } else {
                    unescaped.append(character)
                }
            }
            return unescaped
        }
    }

    private static func set(_ document: inout JSONValue, tokens: ArraySlice<String>, value: JSONValue?, op: String) throws {
        guard let token = tokens.first else {
            document = value ?? .null
            return
        }
        let last = tokens.count == 1
        switch document {
        case .object(var members):
            if last {
                if op != "add", members[token] == nil { throw Failure(description: "\(op) of missing member \(token)") }
                members[token] = value
            } else {
                guard var child = members[token] else { throw Failure(description: "missing member \(token)") }
                try set(&child, tokens: tokens.dropFirst(), value: value, op: op)
                members[token] = child
            }
            document = .object(members)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) || (op == "add" && index == elements.count) else {
                throw Failure(description: "bad array index \(token)")
            }
            if last {
                switch op {
                case "add": elements.insert(value!, at: index)
                case "remove": elements.remove(at: index)
                default: elements[index] = value!
                }
            } else {
                try set(&elements[index], tokens: tokens.dropFirst(), value: value, op: op)
            }
            document = .array(elements)
        default:
            throw Failure(description: "cannot descend into a scalar at \(token)")
        }
    }
}
