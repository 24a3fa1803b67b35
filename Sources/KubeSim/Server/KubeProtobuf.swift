import Foundation
import KubeCore

/// Turns Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`, which
/// kubectl's typed clients send) into JSON objects.
///
/// The body is the `k8s\0` magic followed by a `runtime.Unknown` envelope naming the
/// apiVersion and kind and carrying the object's bytes; the object is decoded with the
/// field table of its kind (``ProtobufSchema``). Kinds without a table are refused, so
/// the caller answers 415 rather than storing a half-read object.
enum KubeProtobuf {
    private static let magic: [UInt8] = [0x6b, 0x38, 0x73, 0x00]

    /// The object in a protobuf body.
    static func decode(_ body: [UInt8]) throws(KubeAPIError) -> JSONValue {
        guard body.count >= 4, Array(body.prefix(4)) == magic else {
            throw KubeAPIError.badRequest("the protobuf body does not start with the Kubernetes magic number")
        }
        do {
            var envelope = ProtobufReader(body[4...])
            var apiVersion = "", kind = ""
            var raw: ArraySlice<UInt8> = []
            while let (field, value) = try envelope.next() {
                guard case .bytes(let bytes) = value else { continue }
                switch field {
                case 1:
                    var typeMeta = ProtobufReader(bytes)
                    while let (typeField, typeValue) = try typeMeta.next() {
                        guard case .bytes(let text) = typeValue else { continue }
                        if typeField == 1 { apiVersion = String(decoding: text, as: UTF8.self) }
                        if typeField == 2 { kind = String(decoding: text, as: UTF8.self) }
                    }
                case 2: raw = bytes
                default: break
                }
            }
            guard let message = ProtobufSchema.messageName(forKind: kind) else {
                throw KubeAPIError.unsupportedMediaType("the server cannot read \(kind) objects as protobuf; send application/json")
            }
            var object = try decodeMessage(message, raw).objectValue ?? [:]
            object["apiVersion"] = .string(apiVersion)
            object["kind"] = .string(kind)
            return .object(object)
        } catch let error as KubeAPIError {
            throw error
        } catch {
            throw KubeAPIError.badRequest("the protobuf body could not be read: \(error)")
        }
    }

    /// Decodes one message of the named type into JSON.
    static func decodeMessage(_ message: String, _ bytes: ArraySlice<UInt8>) throws -> JSONValue {
        guard let fields = ProtobufSchema.messages[message] else {
            throw ProtobufDecodingError("no field table for \(message)")
        }
        if let special = try specialMessage(message, bytes) { return special }
        var members: JSONObject = [:]
        var reader = ProtobufReader(bytes)
        while let (number, value) = try reader.next() {
            guard let field = fields[number] else { continue }
            let decoded = try decodeValues(field.type, value)
            switch field.type {
            case .map:
                var map = members[field.name]?.objectValue ?? [:]
                for entry in decoded { if case .array(let pair) = entry, pair.count == 2, let key = pair[0].stringValue { map[key] = pair[1] } }
                members[field.name] = .object(map)
            default:
                if field.repeated {
                    members[field.name] = .array((members[field.name]?.arrayValue ?? []) + decoded)
                } else if let last = decoded.last, !isOmitted(last, keepingZero: field.keepsZero) {
                    members[field.name] = last
                }
            }
        }
        return .object(members)
    }

    /// Go's JSON encoding omits empty strings and zero times; protobuf carries them.
    private static func isOmitted(_ value: JSONValue, keepingZero: Bool) -> Bool {
        if value == "" || value.isNull { return true }
        return !keepingZero && (value == .int(0) || value == .bool(false))
    }

    /// Values of one wire field; several when a repeated scalar arrives packed.
    private static func decodeValues(_ type: ProtobufSchema.FieldType, _ value: ProtobufReader.Value) throws -> [JSONValue] {
        switch (type, value) {
        case (.string, .bytes(let bytes)): return [.string(String(decoding: bytes, as: UTF8.self))]
        case (.bytes, .bytes(let bytes)): return [.string(Data(bytes).base64EncodedString())]
        case (.int, .varint(let number)): return [.int(Int64(bitPattern: number))]
        case (.bool, .varint(let number)): return [.bool(number != 0)]
        case (.int, .bytes(let packed)), (.bool, .bytes(let packed)):
            var reader = ProtobufReader(packed)
            var values: [JSONValue] = []
            while true {
                guard let number = try? reader.varint() else { break }
                values.append(type == .bool ? .bool(number != 0) : .int(Int64(bitPattern: number)))
            }
            return values
        case (.message(let name), .bytes(let bytes)): return [try decodeMessage(name, bytes)]
        case (.map(let valueType), .bytes(let bytes)):
            var reader = ProtobufReader(bytes)
            var key: JSONValue = ""
            var entryValue: JSONValue = valueType == .string ? "" : .null
            while let (number, entry) = try reader.next() {
                if number == 1 { key = try decodeValues(.string, entry).last ?? "" }
                if number == 2 { entryValue = try decodeValues(valueType, entry).last ?? .null }
            }
            return [.array([key, entryValue])]
        default:
            return []
        }
    }

    /// Messages whose JSON form is not an object of their fields.
    private static func specialMessage(_ message: String, _ bytes: ArraySlice<UInt8>) throws -> JSONValue? {
        var reader = ProtobufReader(bytes)
        switch message {
        case "Time":
            var seconds: Int64 = 0
            while let (number, value) = try reader.next() {
                if number == 1, case .varint(let raw) = value { seconds = Int64(bitPattern: raw) }
            }
            return seconds == 0 ? .null : .string(KubeTime.format(secondsSince1970: seconds))
        case "Quantity":
            while let (number, value) = try reader.next() {
                if number == 1, case .bytes(let text) = value { return .string(String(decoding: text, as: UTF8.self)) }
            }
            return .string("0")
        case "IntOrString":
            var isString = false
            var intValue: Int64 = 0
            var stringValue = ""
            while let (number, value) = try reader.next() {
                switch (number, value) {
                case (1, .varint(let raw)): isString = raw == 1
                case (2, .varint(let raw)): intValue = Int64(Int32(truncatingIfNeeded: raw))
                case (3, .bytes(let text)): stringValue = String(decoding: text, as: UTF8.self)
                default: break
                }
            }
            return isString ? .string(stringValue) : .int(intValue)
        case "RawExtension":
            while let (number, value) = try reader.next() {
                if number == 1, case .bytes(let raw) = value { return (try? JSONValue(parsing: Array(raw))) ?? .null }
            }
            return .null
        default:
            return nil
        }
    }
}
