/// The wire types a protobuf field can be encoded with.
enum ProtobufWireValue {
    case varint(UInt64)
    case fixed64(UInt64)
    case lengthDelimited(ArraySlice<UInt8>)
    case fixed32(UInt32)
}

/// Reads protobuf fields one after another from a byte buffer.
///
/// Only the wire format is known here; what a field means comes from ``ProtobufSchema``.
struct ProtobufWireReader {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// Whether every byte has been consumed.
    var isAtEnd: Bool { position >= bytes.endIndex }

    /// Reads the next field: its number and its value.
    mutating func nextField() throws(KubeProtobufError) -> (number: Int, value: ProtobufWireValue)? {
        guard !isAtEnd else { return nil }
        let tag = try readVarint()
        let number = Int(tag >> 3)
        guard number > 0 else { throw KubeProtobufError("protobuf field number 0 at byte \(position)") }
        switch tag & 7 {
        case 0:
            return (number, .varint(try readVarint()))
        case 1:
            return (number, .fixed64(try readFixed(8)))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw KubeProtobufError("protobuf field \(number) is longer than its message")
            }
            let end = position + Int(length)
            defer { position = end }
            return (number, .lengthDelimited(bytes[position..<end]))
        case 5:
            return (number, .fixed32(UInt32(truncatingIfNeeded: try readFixed(4))))
        case let wireType:
            throw KubeProtobufError("protobuf field \(number) has unsupported wire type \(wireType)")
        }
    }

    /// Reads a base-128 varint.
    mutating func readVarint() throws(KubeProtobufError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.endIndex {
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { break }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw KubeProtobufError("truncated or overlong protobuf varint")
    }

    private mutating func readFixed(_ count: Int) throws(KubeProtobufError) -> UInt64 {
        guard bytes.endIndex - position >= count else { throw KubeProtobufError("truncated protobuf fixed-width value") }
        var result: UInt64 = 0
        for offset in 0..<count {
            result |= UInt64(bytes[position + offset]) << (8 * UInt64(offset))
        }
        position += count
        return result
    }
}
