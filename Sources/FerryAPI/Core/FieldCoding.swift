import Foundation
import KubeCore

/// Converts typed fields to and from the lossless JSON of an object.
enum FieldCoding {
    static func decode<Fields: MigrationFields>(_ value: JSONValue?, of object: KubeObject, part: String) throws(MigrationAPIError) -> Fields {
        guard let value, value != .null else { return Fields() }
        do {
            return try JSONDecoder().decode(Fields.self, from: Data(value.serialized()))
        } catch {
            throw MigrationAPIError(
                code: "invalid-\(part)",
                message: "\(object.kind) \(object.qualifiedName): \(part) cannot be read: \(describe(error)); fix the field named and apply it again")
        }
    }

    static func encode<Fields: MigrationFields>(_ fields: Fields) -> JSONObject {
        // Every field type is plain JSON (strings, numbers, booleans, arrays, nested fields),
        // so encoding cannot fail.
        guard let data = try? JSONEncoder().encode(fields), let value = try? JSONValue(parsing: Array(data)),
            case .object(let object) = value
        else { return [:] }
        return object
    }

    /// The typed fields over `original`: known fields replaced (or removed when unset),
    /// unknown ones kept.
    static func merge<Fields: MigrationFields>(_ fields: Fields, into original: JSONValue?) -> JSONValue {
        var result: JSONObject = [:]
        if case .object(let existing)? = original { result = existing }
        for key in knownKeys(of: Fields.self) { result[key] = nil }
        for (key, value) in encode(fields) { result[key] = value }
        return .object(result)
    }

    static func knownKeys<Fields: MigrationFields>(of type: Fields.Type) -> [String] {
        Mirror(reflecting: Fields()).children.compactMap(\.label)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)) is not a \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)) is missing a \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
