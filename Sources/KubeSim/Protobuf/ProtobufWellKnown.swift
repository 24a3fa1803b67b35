import KubeCore

/// Kubernetes' special protobuf messages, turned into the JSON their Go types marshal to.
enum ProtobufWellKnown {
    /// `Time` / `MicroTime` (seconds = 1, nanos = 2) as RFC 3339 in UTC. An empty message is
    /// Go's zero time, which marshals as null and is left out.
    static func time(_ bytes: ArraySlice<UInt8>, fractionDigits: Int, _ place: String) throws(KubeProtobufError) -> JSONValue? {
        guard !bytes.isEmpty else { return nil }
        var seconds: Int64 = 0
        var nanos: Int64 = 0
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.nextField() {
            switch (number, value) {
            case (1, .varint(let raw)): seconds = Int64(bitPattern: raw)
            case (2, .varint(let raw)): nanos = Int64(Int32(truncatingIfNeeded: raw))
            default: throw KubeProtobufError("\(place): Time has unexpected field \(number)")
            }
        }
        return .string(formatRFC3339(seconds: seconds, nanos: nanos, fractionDigits: fractionDigits))
    }

    /// `IntOrString` (type = 1: 0 int, 1 string; intVal = 2; strVal = 3).
    static func intOrString(_ bytes: ArraySlice<UInt8>, _ place: String) throws(KubeProtobufError) -> JSONValue {
        var type: UInt64 = 0
        var intValue: Int64 = 0
        var stringValue = ""
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.nextField() {
            switch (number, value) {
            case (1, .varint(let raw)): type = raw
            case (2, .varint(let raw)): intValue = Int64(Int32(truncatingIfNeeded: raw))
            case (3, .lengthDelimited(let text)): stringValue = String(decoding: text, as: UTF8.self)
            default: throw KubeProtobufError("\(place): IntOrString has unexpected field \(number)")
            }
        }
        return type == 1 ? .string(stringValue) : .int(intValue)
    }

    /// `Quantity` (string = 1). Go marshals the zero quantity as "0".
    static func quantity(_ bytes: ArraySlice<UInt8>, _ place: String) throws(KubeProtobufError) -> JSONValue {
        var text = ""
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.nextField() {
            guard number == 1, case .lengthDelimited(let raw) = value else {
                throw KubeProtobufError("\(place): Quantity has unexpected field \(number)")
            }
            text = String(decoding: raw, as: UTF8.self)
        }
        return .string(text.isEmpty ? "0" : text)
    }

    /// `RawExtension` / `FieldsV1` (raw = 1): bytes holding JSON, parsed. Empty is left out.
    static func rawJSON(_ bytes: ArraySlice<UInt8>, _ place: String) throws(KubeProtobufError) -> JSONValue? {
        var raw: ArraySlice<UInt8> = []
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.nextField() {
            guard number == 1, case .lengthDelimited(let content) = value else {
                throw KubeProtobufError("\(place): raw extension has unexpected field \(number)")
            }
            raw = content
        }
        guard !raw.isEmpty else { return nil }
        do {
            return try JSONValue(parsing: raw)
        } catch {
            throw KubeProtobufError("\(place): embedded bytes are not JSON (\(error))")
        }
    }

    /// `Duration` (duration = 1, nanoseconds) as a Go duration string such as `1h0m0s`.
    static func duration(_ bytes: ArraySlice<UInt8>, _ place: String) throws(KubeProtobufError) -> JSONValue {
        var nanoseconds: Int64 = 0
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.nextField() {
            guard number == 1, case .varint(let raw) = value else {
                throw KubeProtobufError("\(place): Duration has unexpected field \(number)")
            }
            nanoseconds = Int64(bitPattern: raw)
        }
        return .string(formatGoDuration(nanoseconds))
    }

    /// `2026-11-21T05:07:27Z`, with `fractionDigits` digits of the second when non-zero.
    static func formatRFC3339(seconds: Int64, nanos: Int64, fractionDigits: Int) -> String {
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fractionDigits > 0 {
            var divisor: Int64 = 1
            for _ in 0..<(9 - fractionDigits) { divisor *= 10 }
            text += "." + pad(nanos / divisor, fractionDigits)
        }
        return text + "Z"
    }

    /// Go's `time.Duration.String()`.
    static func formatGoDuration(_ nanoseconds: Int64) -> String {
        let negative = nanoseconds < 0
        var remaining = nanoseconds.magnitude
        var text: String
        if remaining == 0 {
            return "0s"
        } else if remaining < 1_000_000_000 {
            let (unit, precision): (String, Int) =
                remaining < 1_000 ? ("ns", 0) : remaining < 1_000_000 ? ("µs", 3) : ("ms", 6)
            let (fraction, whole) = fractionDigits(remaining, precision)
            text = "\(whole)\(fraction)\(unit)"
        } else {
            let (fraction, wholeSeconds) = fractionDigits(remaining, 9)
            remaining = wholeSeconds
            text = "\(remaining % 60)\(fraction)s"
            remaining /= 60
            if remaining > 0 {
                text = "\(remaining % 60)m" + text
                remaining /= 60
                if remaining > 0 { text = "\(remaining)h" + text }
            }
        }
        return negative ? "-" + text : text
    }

    /// The fraction `value / 10^precision` without trailing zeros (".5"), and the whole part.
    private static func fractionDigits(_ value: UInt64, _ precision: Int) -> (String, UInt64) {
        var value = value
        var digits = ""
        var printing = false
        for _ in 0..<precision {
            let digit = value % 10
            printing = printing || digit != 0
            if printing { digits = String(digit) + digits }
            value /= 10
        }
        return (printing ? "." + digits : "", value)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    /// Howard Hinnant's days-to-civil conversion, proleptic Gregorian calendar.
    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let shifted = daysSinceEpoch + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
