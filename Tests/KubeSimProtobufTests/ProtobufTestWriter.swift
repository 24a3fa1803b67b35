/// A small protobuf encoder for building test vectors from known field numbers.
struct ProtobufTestWriter {
    private(set) var output: [UInt8] = []

    init() {}

    /// Builds a message with `build`.
    static func message(_ build: (inout ProtobufTestWriter) -> Void) -> [UInt8] {
        var writer = ProtobufTestWriter()
        build(&writer)
        return writer.output
    }

    mutating func varint(_ number: Int, _ value: UInt64) {
        tag(number, wireType: 0)
        appendVarint(value)
    }

    mutating func int(_ number: Int, _ value: Int64) {
        varint(number, UInt64(bitPattern: value))
    }

    mutating func bool(_ number: Int, _ value: Bool) {
        varint(number, value ? 1 : 0)
    }

    mutating func string(_ number: Int, _ value: String) {
        bytes(number, Array(value.utf8))
    }

    mutating func bytes(_ number: Int, _ value: [UInt8]) {
        tag(number, wireType: 2)
        appendVarint(UInt64(value.count))
        output.append(contentsOf: value)
    }

    mutating func message(_ number: Int, _ build: (inout ProtobufTestWriter) -> Void) {
        bytes(number, ProtobufTestWriter.message(build))
    }

    /// A `map<string, string>` entry.
    mutating func mapEntry(_ number: Int, _ key: String, _ value: String) {
        message(number) { entry in
            entry.string(1, key)
            entry.string(2, value)
        }
    }

    /// The `k8s\0` magic and `runtime.Unknown` envelope around an object message.
    static func envelope(apiVersion: String, kind: String, object: [UInt8]) -> [UInt8] {
        [0x6b, 0x38, 0x73, 0x00] + message { unknown in
            unknown.message(1) { typeMeta in
                typeMeta.string(1, apiVersion)
                typeMeta.string(2, kind)
            }
            unknown.bytes(2, object)
            unknown.string(3, "")
            unknown.string(4, "")
        }
    }

    private mutating func tag(_ number: Int, wireType: UInt64) {
        appendVarint(UInt64(number) << 3 | wireType)
    }

    private mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }
}
