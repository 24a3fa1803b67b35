import Foundation
import Subprocess
import SystemPackage

/// Wall-clock timing.
enum Stopwatch {
    static func time(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return seconds(start.duration(to: .now))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

/// A command the benchmark runs (ferry or kubectl), failing on a non-zero exit with the
/// command line and its standard error.
struct BenchProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The program: a path, or a name looked up in PATH.
    var executable: String

    /// Runs the program with `arguments` and returns its standard output.
    @discardableResult
    func run(_ arguments: [String], outputLimit: Int = 1 << 20) async throws -> String {
        let program: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        let result = try await Subprocess.run(
            program, arguments: Arguments(arguments), output: .string(limit: outputLimit), error: .string(limit: 1 << 16))
        guard result.terminationStatus.isSuccess else {
            throw Failure(description: """
                \(executable) \(arguments.joined(separator: " ")) failed (\(result.terminationStatus)):
                \(result.standardOutput)\(result.standardError)
                """)
        }
        return result.standardOutput
    }
}

/// Memory readings of a process from /proc.
struct ProcessMemory {
    var residentMiB: Double
    var peakMiB: Double

    init(pid: Int32) throws {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kibibytes(_ field: String) -> Double {
            for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
                let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
                return Double(digits) ?? 0
            }
            return 0
        }
        residentMiB = kibibytes("VmRSS") / 1024
        peakMiB = kibibytes("VmHWM") / 1024
    }
}

/// Rows of results, printed as a Markdown table with ratios against the row's baseline.
struct BenchReport {
    private var rows: [(name: String, value: String, unit: String, ratio: String)] = []

    mutating func add(_ name: String, value: Double, unit: String, baseline: Double? = nil, lowerIsBetter: Bool = false) {
        add(name, text: String(format: value < 10 ? "%.2f" : "%.1f", value), unit: unit, ratio: Self.ratio(value, baseline, lowerIsBetter))
    }

    mutating func add(_ name: String, text: String, unit: String, ratio: String = "") {
        rows.append((name, text, unit, ratio))
    }

    private static func ratio(_ value: Double, _ baseline: Double?, _ lowerIsBetter: Bool) -> String {
        guard let baseline, baseline > 0, value > 0 else { return "" }
        return String(format: "%.2f×", lowerIsBetter ? baseline / value : value / baseline)
    }

    func markdown() -> String {
        var lines = ["| measurement | value | unit | vs baseline (higher is better) |", "| --- | ---: | --- | ---: |"]
        for row in rows {
            lines.append("| \(row.name) | \(row.value) | \(row.unit) | \(row.ratio) |")
        }
        return lines.joined(separator: "\n")
    }
}

/// Checks that a measured operation did the whole job.
enum BenchCheck {
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static func count(_ actual: Int, expected: Int, what: String) throws {
        guard actual == expected else { throw Mismatch(description: "\(what): \(actual) objects, expected \(expected)") }
    }
}
