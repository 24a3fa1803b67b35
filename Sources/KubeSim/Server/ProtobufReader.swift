/// Reads protocol buffer wire format: varints, fixed-width numbers and length-delimited
/// fields, as Kubernetes' protobuf serializer writes them.
struct ProtobufReader {
    /// One field as it appears on the wire.
    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed32(UInt32)
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    /// A reader over `bytes`.
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// The next field number and value; `nil` at the end.
    mutating func next() throws(ProtobufDecodingError) -> (field: Int, value: Value)? {
        guard index < bytes.endIndex else { return nil }
        let key = try varint()
        let field = Int(key >> 3)
        switch key & 7 {
        case 0: return (field, .varint(try varint()))
        case 1: return (field, .fixed64(try fixed(8)))
        case 2:
            let length = Int(try varint())
            guard length >= 0, index + length <= bytes.endIndex else { throw ProtobufDecodingError("truncated field \(field)") }
            defer { index += length }
            return (field, .bytes(bytes[index..<(index + length)]))
        case 5: return (field, .fixed32(UInt32(try fixed(4))))
        default: throw ProtobufDecodingError("unsupported wire type \(key & 7) for field \(field)")
        }
    }

    /// Reads one varint.
    mutating func varint() throws(ProtobufDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw ProtobufDecodingError("truncated varint")
    }

    private mutating func fixed(_ width: Int) throws(ProtobufDecodingError) -> UInt64 {
        guard index + width <= bytes.endIndex else { throw ProtobufDecodingError("truncated fixed-width field") }
        var result: UInt64 = 0
        for offset in 0..<width { result |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
        index += width
        return result
    }
}

/// A protobuf body that cannot be read.
struct ProtobufDecodingError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
