extension JSONValue {
    /// Keys written first, in this order, so that serialized objects read like kubectl output.
    private static let leadingKeys = ["apiVersion", "kind", "metadata"]

    /// The compact JSON encoding. Object members are written `apiVersion`, `kind`, `metadata`
    /// first and the rest in key order, so equal values always serialize identically.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(into: &output, indent: nil, level: 0)
        return output
    }

    /// The JSON encoding as a string; `pretty` indents by two spaces.
    public func serializedString(pretty: Bool = false) -> String {
        var output: [UInt8] = []
        write(into: &output, indent: pretty ? 2 : nil, level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the encoding to `output`.
    public func write(into output: inout [UInt8], indent: Int? = nil) {
        write(into: &output, indent: indent, level: 0)
    }

    private func write(into output: inout [UInt8], indent: Int?, level: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .double(let value): Self.writeDouble(value, into: &output)
        case .string(let value): Self.writeString(value, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, indent: indent, level: level + 1)
                element.write(into: &output, indent: indent, level: level + 1)
            }
            if !elements.isEmpty { Self.newline(&output, indent: indent, level: level) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            var first = true
            for key in Self.orderedKeys(members) {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                Self.newline(&output, indent: indent, level: level + 1)
                Self.writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                members[key]!.write(into: &output, indent: indent, level: level + 1)
            }
            if !members.isEmpty { Self.newline(&output, indent: indent, level: level) }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The member names in serialization order.
    public static func orderedKeys(_ members: JSONObject) -> [String] {
        var keys: [String] = []
        keys.reserveCapacity(members.count)
        for key in leadingKeys where members[key] != nil { keys.append(key) }
        for key in members.keys.sorted() where !leadingKeys.contains(key) { keys.append(key) }
        return keys
    }

    private static func newline(_ output: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private static func writeDouble(_ value: Double, into output: inout [UInt8]) {
        guard value.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            output.append(contentsOf: String(Int64(value)).utf8)
            return
        }
        output.append(contentsOf: "\(value)".utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { serializedString() }
}
