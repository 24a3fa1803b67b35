import Foundation
import Subprocess

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

/// Runs kubectl, failing on a non-zero exit.
enum Kubectl {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String]) async throws {
        let result = try await Subprocess.run(
            .name("kubectl"), arguments: Arguments(arguments), output: .discarded, error: .string(limit: 64 * 1024))
        guard result.terminationStatus.isSuccess else {
            throw Failure(description: "kubectl \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
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
    private var rows: [(name: String, value: Double, unit: String, ratio: String)] = []

    mutating func add(_ name: String, value: Double, unit: String, baseline: Double? = nil, lowerIsBetter: Bool = false) {
        var ratio = ""
        if let baseline, baseline > 0, value > 0 {
            let factor = lowerIsBetter ? baseline / value : value / baseline
            ratio = String(format: "%.2f×", factor)
        }
        rows.append((name, value, unit, ratio))
    }

    func markdown() -> String {
        var lines = ["| measurement | value | unit | vs baseline (higher is better) |", "| --- | ---: | --- | ---: |"]
        for row in rows {
            lines.append("| \(row.name) | \(String(format: "%.1f", row.value)) | \(row.unit) | \(row.ratio) |")
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
        guard actual == expected else { throw Mismatch(description: "\(what) returned \(actual) objects, expected \(expected)") }
    }
}
