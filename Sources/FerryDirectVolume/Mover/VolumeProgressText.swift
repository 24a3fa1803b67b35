import Foundation
public import FerryTransfer

/// The words and numbers of volume progress, as the pipeline, `ferry status` and the
/// DirectVolumeMigration(Progress) statuses show them.
public enum VolumeProgressText {
    /// One pipeline line for `progress`, such as `shop/data: 45% (1.2 GiB of 2.7 GiB), 1,234 of
    /// 5,000 files, 118 MiB/s, 12s elapsed, attempt 2`.
    public static func line(_ progress: VolumeTransferProgress, plane: DataPlane? = nil, verified: Bool = false) -> String {
        let via = plane.map { $0 == .local ? "local rsync" : "transfer pods" }
        switch progress.phase {
        case .pending:
            let waiting = progress.attempt > 1 ? "waiting to retry (attempt \(progress.attempt))" : "waiting to start"
            return "\(progress.id): \(waiting)\(via.map { " (\($0))" } ?? "")"
        case .running:
            var parts: [String] = []
            let sent = bytes(progress.bytesTransferred)
            if let percent = progress.percent, let total = progress.totalBytes {
                parts.append("\(percent)% (\(sent) of \(bytes(total)))")
            } else if let percent = progress.percent {
                parts.append("\(percent)% (\(sent))")
            } else {
                parts.append(sent)
            }
            if let totalFiles = progress.totalFiles {
                parts.append("\(count(progress.filesTransferred)) of \(count(totalFiles)) files")
            } else {
                parts.append("\(count(progress.filesTransferred)) files")
            }
            parts.append(rate(progress.bytesPerSecond))
            parts.append("\(duration(progress.elapsed)) elapsed")
            parts.append("attempt \(progress.attempt)")
            return "\(progress.id): " + parts.joined(separator: ", ")
        case .succeeded:
            var details = [via, "attempt \(progress.attempt)"].compactMap { $0 }
            if verified { details.append("checksums verified") }
            if !progress.warnings.isEmpty { details.append("\(progress.warnings.count) warning(s): \(progress.warnings.joined(separator: "; "))") }
            let size = progress.totalBytes ?? progress.bytesTransferred
            let files = progress.totalFiles ?? progress.filesTransferred
            return "\(progress.id): copied, \(bytes(size)) in \(count(files)) files, \(duration(progress.elapsed)) (\(details.joined(separator: ", ")))"
        case .failed:
            let last = progress.attempts.last
            let code = last?.exitCode.map { "exit code \($0)" }
            let message = last?.message ?? "failed"
            return "\(progress.id): failed after \(progress.attempt) attempt(s)\(code.map { ", \($0)" } ?? ""): \(message)"
        }
    }

    /// `1.2 GiB`, `340 KiB`, `12 B`.
    public static func bytes(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        if unit == 0 { return "\(value) B" }
        return String(format: amount < 10 ? "%.1f" : "%.0f", amount) + " " + units[unit]
    }

    /// `118 MiB/s`.
    public static func rate(_ bytesPerSecond: Double) -> String {
        bytes(Int64(max(0, bytesPerSecond))) + "/s"
    }

    /// `1,234`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// `12s`, `1m2s`, `1h0m5s`, as MTC writes elapsed times.
    public static func duration(_ value: Duration) -> String {
        let seconds = max(0, value.components.seconds)
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(seconds % 60)s" }
        return "\(seconds / 3600)h\((seconds % 3600) / 60)m\(seconds % 60)s"
    }
}
