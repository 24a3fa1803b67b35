import Foundation
public import KubeCore

/// JSON patch (RFC 6902): `add`, `remove`, `replace`, `move`, `copy` and `test` operations
/// addressed by JSON pointers (RFC 6901, with `-` for the end of an array).
///
/// A malformed patch fails with 400 BadRequest; an operation that cannot apply (a missing
/// path, a failed `test`) fails with 422, as kube-apiserver reports them.
public enum JSONPatch {
    /// `document` with every operation of `patch` applied in order.
    public static func apply(_ patch: JSONValue, to document: JSONValue) throws(KubeAPIError) -> JSONValue {
        guard let operations = patch.arrayValue else {
            throw KubeAPIError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        }
        var result = document
        for operation in operations {
            guard let op = operation["op"]?.stringValue else {
                throw KubeAPIError.badRequest("Unexpected kind: missing op in \(operation.serializedString())")
            }
            guard let pathText = operation["path"]?.stringValue else {
                throw unprocessable("\(op) operation does not apply: doc is missing path: \"\"")
            }
            let path = try pointer(pathText)
            switch op {
            case "add":
                result = try add(try value(of: operation, op), at: path, in: result, pathText: pathText)
            case "remove":
                result = try remove(at: path, in: result, pathText: pathText).document
            case "replace":
                let replacement = try value(of: operation, op)
                guard !path.isEmpty else {
                    result = replacement
                    continue
                }
                result = try remove(at: path, in: result, pathText: pathText, verb: "replace").document
                result = try add(replacement, at: path, in: result, pathText: pathText)
            case "move", "copy":
                guard let fromText = operation["from"]?.stringValue else {
                    throw unprocessable("\(op) operation does not apply: doc is missing from path: \"\"")
                }
                let from = try pointer(fromText)
                guard let moved = read(from, in: result) else {
                    throw unprocessable("\(op) operation does not apply: doc is missing from path: \(fromText)")
                }
                if op == "move" {
                    if from == path { continue }
                    result = try remove(at: from, in: result, pathText: fromText).document
                }
                result = try add(moved, at: path, in: result, pathText: pathText)
            case "test":
                let expected = try value(of: operation, op)
                guard read(path, in: result) == expected else {
                    throw unprocessable("testing value \(pathText) failed: test failed")
                }
            default:
                throw KubeAPIError.badRequest("Unexpected kind: \(op)")
            }
        }
        return result
    }

    /// Splits a JSON pointer into unescaped reference tokens.
    public static func pointer(_ text: String) throws(KubeAPIError) -> [String] {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else {
            throw KubeAPIError.badRequest("JSON pointer must be empty or start with a \"/\": \(text)")
        }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func value(of operation: JSONValue, _ op: String) throws(KubeAPIError) -> JSONValue {
        guard let value = operation["value"] else {
            throw unprocessable("\(op) operation does not apply: missing value")
        }
        return value
    }

    static func read(_ path: [String], in document: JSONValue) -> JSONValue? {
        var current = document
        for token in path {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    private static func add(_ value: JSONValue, at path: [String], in document: JSONValue, pathText: String) throws(KubeAPIError) -> JSONValue {
        guard let token = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch document {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else {
                    throw unprocessable("add operation does not apply: doc is missing path: \"\(pathText)\": missing value")
                }
                members[token] = try add(value, at: rest, in: child, pathText: pathText)
            }
            return .object(members)
        case .array(var elements):
            if rest.isEmpty {
                if token == "-" {
                    elements.append(value)
                } else {
                    guard let index = Int(token), index >= 0, index <= elements.count else {
                        throw unprocessable("add operation does not apply: doc is missing path: \"\(pathText)\": missing value")
                    }
                    elements.insert(value, at: index)
                }
            } else {
                guard let index = Int(token), elements.indices.contains(index) else {
                    throw unprocessable("add operation does not apply: doc is missing path: \"\(pathText)\": missing value")
                }
                elements[index] = try add(value, at: rest, in: elements[index], pathText: pathText)
            }
            return .array(elements)
        default:
            throw unprocessable("add operation does not apply: doc is missing path: \"\(pathText)\": missing value")
        }
    }

    private static func remove(
        at path: [String], in document: JSONValue, pathText: String, verb: String = "remove"
    ) throws(KubeAPIError) -> (document: JSONValue, removed: JSONValue) {
        guard let token = path.first else {
            throw unprocessable("\(verb) operation does not apply: doc is missing path: \"\(pathText)\"")
        }
        let rest = Array(path.dropFirst())
        let missing = unprocessable(
            verb == "replace" ? "replace operation does not apply: doc is missing key: \(pathText): missing value"
                : "Unable to remove nonexistent key: \(token): missing value")
        switch document {
        case .object(var members):
            guard let child = members[token] else { throw missing }
            if rest.isEmpty {
                members[token] = nil
                return (.object(members), child)
            }
            let (updated, removed) = try remove(at: rest, in: child, pathText: pathText, verb: verb)
            members[token] = updated
            return (.object(members), removed)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { throw missing }
            if rest.isEmpty {
                let removed = elements.remove(at: index)
                return (.array(elements), removed)
            }
            let (updated, removed) = try remove(at: rest, in: elements[index], pathText: pathText, verb: verb)
            elements[index] = updated
            return (.array(elements), removed)
        default:
            throw missing
        }
    }

    private static func unprocessable(_ message: String) -> KubeAPIError {
        KubeAPIError(code: 422, reason: "Invalid", message: message)
    }
}
