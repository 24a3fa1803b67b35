import Foundation

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
