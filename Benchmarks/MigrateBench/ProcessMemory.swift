import Foundation

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
