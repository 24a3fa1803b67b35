import Foundation
import KubeCore

/// Turns the bytes of one Kubernetes protobuf message into the JSON the API would accept,
/// following the field tables of ``ProtobufSchema``.
struct ProtobufMessageDecoder {
    /// `<apiVersion> <kind>` of the body being read, for error messages.
    let context: String

    /// Decodes `bytes` as the message named `messageName`.
    func decodeObject(_ bytes: ArraySlice<UInt8>, as messageName: String) throws(KubeProtobufError) -> JSONObject {
        guard let schema = ProtobufSchema.table[messageName] else {
            throw KubeProtobufError("\(context): no field table for message \(messageName)")
        }
        var object: JSONObject = [:]
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.nextField() {
            guard let field = schema.fields[number] else {
                throw KubeProtobufError("\(context): \(messageName).field \(number) is not known to Ferry")
            }
            try apply(value, of: field, in: messageName, to: &object)
        }
        return object
    }

    private func apply(
        _ value: ProtobufWireValue, of field: ProtobufField, in messageName: String, to object: inout JSONObject
    ) throws(KubeProtobufError) {
        let place = "\(messageName).\(field.name.isEmpty ? "<inline>" : field.name)"
        switch field.kind {
        case .inline(let type):
            let nested = try decodeObject(try payload(value, place), as: type)
            object.merge(nested) { _, new in new }
        case .map(let valueKind):
            let (key, entry) = try decodeMapEntry(try payload(value, place), valueKind, place)
            var members = object[field.name]?.objectValue ?? [:]
            members[key] = entry
            object[field.name] = .object(members)
        default:
            if field.isRepeated {
                var list = object[field.name]?.arrayValue ?? []
                list.append(contentsOf: try decodeRepeated(value, field, place))
                object[field.name] = .array(list)
            } else {
                // Later occurrences win, as in protobuf; a zero in a value-typed field clears.
                object[field.name] = try decodeSingle(value, field, place)
            }
        }
    }

    private func decodeRepeated(
        _ value: ProtobufWireValue, _ field: ProtobufField, _ place: String
    ) throws(KubeProtobufError) -> [JSONValue] {
        switch (field.kind, value) {
        case (.int32, .lengthDelimited(let packed)), (.int64, .lengthDelimited(let packed)), (.bool, .lengthDelimited(let packed)):
            var reader = ProtobufWireReader(packed)
            var values: [JSONValue] = []
            while !reader.isAtEnd {
                let element = try scalar(.varint(try reader.readVarint()), field.kind, place)
                values.append(element)
            }
            return values
        default:
            let keepAll = ProtobufField(name: field.name, kind: field.kind, isRepeated: false, keepsZero: true)
            return [try decodeSingle(value, keepAll, place) ?? .null]
        }
    }

    /// The JSON for one non-repeated value; `nil` when Go would have omitted it.
    private func decodeSingle(
        _ value: ProtobufWireValue, _ field: ProtobufField, _ place: String
    ) throws(KubeProtobufError) -> JSONValue? {
        switch field.kind {
        case .string, .bool, .int32, .int64, .bytes:
            let json = try scalar(value, field.kind, place)
            // Not a ternary: `nil` there would become JSONValue's own nil literal, `.null`.
            if !field.keepsZero && Self.isZero(json) { return nil }
            return json
        case .message(let type):
            return .object(try decodeObject(try payload(value, place), as: type))
        case .time:
            return try ProtobufWellKnown.time(try payload(value, place), fractionDigits: 0, place)
        case .microTime:
            return try ProtobufWellKnown.time(try payload(value, place), fractionDigits: 6, place)
        case .intOrString:
            return try ProtobufWellKnown.intOrString(try payload(value, place), place)
        case .quantity:
            return try ProtobufWellKnown.quantity(try payload(value, place), place)
        case .rawJSON:
            return try ProtobufWellKnown.rawJSON(try payload(value, place), place)
        case .duration:
            return try ProtobufWellKnown.duration(try payload(value, place), place)
        case .inline, .map:
            throw KubeProtobufError("\(context): \(place) cannot be decoded as a single value")
        }
    }

    private func scalar(_ value: ProtobufWireValue, _ kind: ProtobufFieldKind, _ place: String) throws(KubeProtobufError) -> JSONValue {
        switch (kind, value) {
        case (.string, .lengthDelimited(let bytes)):
            return .string(String(decoding: bytes, as: UTF8.self))
        case (.bytes, .lengthDelimited(let bytes)):
            return .string(Data(bytes).base64EncodedString())
        case (.bool, .varint(let raw)):
            return .bool(raw != 0)
        case (.int32, .varint(let raw)):
            return .int(Int64(Int32(truncatingIfNeeded: raw)))
        case (.int64, .varint(let raw)):
            return .int(Int64(bitPattern: raw))
        default:
            throw KubeProtobufError("\(context): \(place) has wire type \(Self.wireName(value)), expected \(kind)")
        }
    }

    private func decodeMapEntry(
        _ bytes: ArraySlice<UInt8>, _ valueKind: ProtobufMapValue, _ place: String
    ) throws(KubeProtobufError) -> (String, JSONValue) {
        var key = ""
        var entry: JSONValue?
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.nextField() {
            switch number {
            case 1:
                guard case .string(let text) = try scalar(value, .string, place) else { continue }
                key = text
            case 2:
                entry = try decodeMapValue(value, valueKind, place)
            default:
                throw KubeProtobufError("\(context): \(place) map entry has field \(number)")
            }
        }
        return (key, entry ?? Self.emptyMapValue(valueKind))
    }

    private func decodeMapValue(
        _ value: ProtobufWireValue, _ kind: ProtobufMapValue, _ place: String
    ) throws(KubeProtobufError) -> JSONValue {
        switch kind {
        case .string: return try scalar(value, .string, place)
        case .bytes: return try scalar(value, .bytes, place)
        case .quantity: return try ProtobufWellKnown.quantity(try payload(value, place), place)
        case .time: return try ProtobufWellKnown.time(try payload(value, place), fractionDigits: 0, place) ?? .null
        case .message(let type): return .object(try decodeObject(try payload(value, place), as: type))
        case .stringList:
            var items: [JSONValue] = []
            var reader = ProtobufWireReader(try payload(value, place))
            while let (number, item) = try reader.nextField() {
                guard number == 1 else { throw KubeProtobufError("\(context): \(place) list has field \(number)") }
                items.append(try scalar(item, .string, place))
            }
            return .array(items)
        }
    }

    private static func emptyMapValue(_ kind: ProtobufMapValue) -> JSONValue {
        switch kind {
        case .string, .bytes: return .string("")
        case .quantity: return .string("0")
        case .time: return .null
        case .message: return .object([:])
        case .stringList: return .array([])
        }
    }

    private func payload(_ value: ProtobufWireValue, _ place: String) throws(KubeProtobufError) -> ArraySlice<UInt8> {
        guard case .lengthDelimited(let bytes) = value else {
            throw KubeProtobufError("\(context): \(place) has wire type \(Self.wireName(value)), expected a message")
        }
        return bytes
    }

    private static func isZero(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): return text.isEmpty
        case .bool(let flag): return !flag
        case .int(let number): return number == 0
        default: return false
        }
    }

    private static func wireName(_ value: ProtobufWireValue) -> String {
        switch value {
        case .varint: return "varint"
        case .fixed64: return "64-bit"
        case .lengthDelimited: return "length-delimited"
        case .fixed32: return "32-bit"
        }
    }
}
