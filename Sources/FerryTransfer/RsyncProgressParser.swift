import Foundation

/// Reads rsync's `--info=progress2` output, whose reports are separated by carriage returns
/// and interleaved with other lines.
public enum RsyncProgressParser {
    /// The reports in `output`, in order; lines that are not progress reports are skipped.
    public static func reports(in output: String) -> [RsyncProgress] {
        // Split on scalars: "\r\n" is a single Character and would not match either separator.
        output.unicodeScalars.split(whereSeparator: { $0 == "\r" || $0 == "\n" })
            .compactMap { parse(line: String(String.UnicodeScalarView($0))) }
    }

    /// Parses one report such as
    /// `  1,234,567  45%   12.34MB/s    0:00:05 (xfr#12, to-chk=3/20)`, or nil when the line is not one.
    public static func parse(line: String) -> RsyncProgress? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count >= 4,
              let bytes = byteCount(fields[0]),
              fields[1].hasSuffix("%"), let percent = Int(fields[1].dropLast()), (0...100).contains(percent),
              let rate = bytesPerSecond(fields[2]),
              let elapsed = seconds(fields[3])
        else { return nil }
        var progress = RsyncProgress(bytes: bytes, percent: percent, bytesPerSecond: rate, elapsedSeconds: elapsed)
        let details = fields.dropFirst(4).joined(separator: " ")
        guard !details.isEmpty else { return progress }
        guard details.hasPrefix("("), details.hasSuffix(")") else { return nil }
        for item in details.dropFirst().dropLast().split(separator: ",") {
            let item = item.trimmingCharacters(in: .whitespaces)
            if item.hasPrefix("xfr#") {
                progress.filesTransferred = Int(item.dropFirst(4))
            } else if item.hasPrefix("to-chk=") || item.hasPrefix("ir-chk=") {
                let counts = item.dropFirst(7).split(separator: "/")
                if counts.count == 2 {
                    progress.filesRemaining = Int(counts[0])
                    progress.filesTotal = Int(counts[1])
                    progress.fileListComplete = item.hasPrefix("to-chk=")
                }
            }
        }
        return progress
    }

    /// `1,234,567`, or with `--human-readable` `1.23M`.
    private static func byteCount(_ text: String) -> Int64? {
        let plain = text.filter { $0 != "," }
        if let value = Int64(plain) { return value }
        guard let suffix = plain.last, let multiplier = multipliers[suffix.uppercased()],
              let value = Double(plain.dropLast()), value >= 0 else { return nil }
        return Int64(value * multiplier)
    }

    /// `12.34MB/s`, `0.00kB/s`, `512B/s`.
    private static func bytesPerSecond(_ text: String) -> Double? {
        guard text.hasSuffix("B/s") else { return nil }
        var number = text.dropLast(3).filter { $0 != "," }
        var multiplier = 1.0
        if let last = number.last, let unit = multipliers[last.uppercased()] {
            multiplier = unit
            number = String(number.dropLast())
        }
        guard let value = Double(number) else { return nil }
        return value * multiplier
    }

    /// `0:00:05` or `12:34:56`.
    private static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 3, let hours = Int(parts[0]), let minutes = Int(parts[1]), let seconds = Int(parts[2]) else { return nil }
        return hours * 3600 + minutes * 60 + seconds
    }

    private static let multipliers: [String: Double] = [
        "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024,
    ]
}
