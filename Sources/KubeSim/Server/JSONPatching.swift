import Foundation
import KubeCore

/// The patch formats applied by the server to views the store does not hold, such as the
/// `Scale` subresource: JSON merge patch (RFC 7386, also used for strategic merge on these
/// simple documents) and JSON patch (RFC 6902).
enum JSONPatching {
    /// Applies `patch` of the given content type to `document`.
    static func apply(_ patch: JSONValue, contentType: String, to document: JSONValue) throws(KubeAPIError) -> JSONValue {
        if contentType.contains("json-patch") { return try jsonPatch(patch, to: document) }
        return mergePatch(patch, to: document)
    }

    /// RFC 7386: objects merge member by member, `null` removes, anything else replaces.
    static func mergePatch(_ patch: JSONValue, to document: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var result = document.objectValue ?? [:]
        for (key, value) in changes {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = mergePatch(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    /// RFC 6902 operations on object members and array elements.
    static func jsonPatch(_ patch: JSONValue, to document: JSONValue) throws(KubeAPIError) -> JSONValue {
        guard let operations = patch.arrayValue else { throw KubeAPIError.badRequest("a JSON patch must be an array of operations") }
        var result = document
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw KubeAPIError.badRequest("a JSON patch operation needs op and path")
            }
            let pointer = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            switch op {
            case "add", "replace":
                result = try set(Array(pointer), to: operation["value"] ?? .null, in: result, insert: op == "add")
            case "remove":
                result = try set(Array(pointer), to: nil, in: result, insert: false)
            case "test":
                guard value(at: Array(pointer), in: result) == operation["value"] else {
                    throw KubeAPIError(code: 422, reason: "Invalid", message: "the test operation failed at \(path)")
                }
            default:
                throw KubeAPIError.badRequest("unsupported JSON patch operation \(op)")
            }
        }
        return result
    }

    private static func value(at pointer: [String], in document: JSONValue) -> JSONValue? {
        var current: JSONValue? = document
        for key in pointer {
            if let array = current?.arrayValue, let index = Int(key), array.indices.contains(index) {
                current = array[index]
            } else {
                current = current?[key]
            }
        }
        return current
    }

    private static func set(_ pointer: [String], to newValue: JSONValue?, in document: JSONValue, insert: Bool) throws(KubeAPIError) -> JSONValue {
        guard let key = pointer.first else { return newValue ?? .null }
        let rest = Array(pointer.dropFirst())
        if case .array(var elements) = document {
            let index = key == "-" ? elements.count : (Int(key) ?? -1)
            guard index >= 0, index <= elements.count else { throw KubeAPIError.badRequest("array index \(key) out of range") }
            if rest.isEmpty {
                if let newValue {
                    if insert { elements.insert(newValue, at: index) } else if index < elements.count { elements[index] = newValue }
                } else if index < elements.count {
                    elements.remove(at: index)
                }
            } else {
                guard index < elements.count else { throw KubeAPIError.badRequest("array index \(key) out of range") }
                elements[index] = try set(rest, to: newValue, in: elements[index], insert: insert)
            }
            return .array(elements)
        }
        var members = document.objectValue ?? [:]
        if rest.isEmpty {
            members[key] = newValue
        } else {
            guard let child = members[key] else { throw KubeAPIError(code: 422, reason: "Invalid", message: "the path /\(pointer.joined(separator: "/")) does not exist") }
            members[key] = try set(rest, to: newValue, in: child, insert: insert)
        }
        return .object(members)
    }
}
