import FerryAPI
import Foundation
import KubeCore

/// The page view of one migration's progress: its state, the pipeline steps with times and
/// progress lines, per-volume copy progress, and its errors in full. The `pipeline`
/// template renders it both inside the page and as the fragment the live view fetches.
struct MigrationProgressPage: Sendable {
    struct Step: Sendable {
        var name: String
        var stateText: String
        var stateClass: String
        var message: String?
        var times: String?
        var elapsed: String?
        var progress: [String]
        var hasProgress: Bool
    }

    struct Volume: Sendable {
        var name: String
        var percent: String
        var percentValue: String
        var rate: String
        var state: String
        var message: String?
    }

    var name: String
    var plan: String
    var kind: String
    var statusText: String
    var statusClass: String
    var phase: String
    var phaseText: String
    var finished: Bool
    var elapsed: String?
    var errors: [String]
    var hasErrors: Bool
    var steps: [Step]
    var hasSteps: Bool
    var volumes: [Volume]
    var hasVolumes: Bool

    init(_ migration: MigrationView, volumes progress: [DirectVolumeMigrationProgress] = [], now: Date = Date()) {
        let badge = Self.badge(migration)
        name = migration.name
        plan = migration.plan ?? ""
        kind = migration.migrateState && migration.type == "cutover" ? "State migration" : migration.type.capitalized
        statusText = badge.text
        statusClass = badge.style
        phase = migration.phase ?? ""
        phaseText = migration.phase.map { "Phase: \($0)" } ?? ""
        let finished = migration.finished
        self.finished = finished
        let started = migration.startTimestamp.flatMap(Self.date)
        // A finished migration's time runs to its last completed step, never to now.
        let end = finished ? migration.pipeline.compactMap { $0.completed.flatMap(Self.date) }.max() : now
        elapsed = started.flatMap { start in end.map { Self.format($0.timeIntervalSince(start)) } }
        errors = migration.errors
        if errors.isEmpty, let failed = migration.conditions.first(where: { $0.isTrue && $0.type == "Failed" }), let message = failed.message {
            errors = [message]
        }
        hasErrors = !errors.isEmpty
        steps = migration.pipeline.map { Self.step($0, now: now) }
        hasSteps = !steps.isEmpty
        volumes = progress.map(Self.volume).sorted { $0.name < $1.name }
        hasVolumes = !volumes.isEmpty
    }

    /// The page view of a migration's detail, decoding its volume progress objects.
    init(_ detail: MigrationDetail, now: Date = Date()) {
        let progress = detail.directVolumeMigrationProgresses.compactMap { json -> DirectVolumeMigrationProgress? in
            guard let object = try? KubeObject(json: json) else { return nil }
            return try? DirectVolumeMigrationProgress(object: object)
        }
        self.init(detail.migration, volumes: progress, now: now)
    }

    /// Words and style of a migration's state.
    static func badge(_ migration: MigrationView) -> StatusBadge {
        switch migration.state {
        case "Succeeded":
            let warned = migration.conditions.contains { $0.isTrue && $0.category == MigrationCondition.Category.warn }
            return StatusBadge(text: warned ? "Completed with warnings" : "Completed", style: warned ? "warn" : "ok")
        case "Failed": return StatusBadge(text: "Failed", style: "failed")
        case "Canceled": return StatusBadge(text: "Canceled", style: "warn")
        case "Running": return StatusBadge(text: migration.canceled ? "Canceling" : "Running", style: "running")
        default: return StatusBadge(text: "Pending", style: "pending")
        }
    }

    private static func step(_ step: MigMigration.PipelineStep, now: Date) -> Step {
        let started = step.started.flatMap(date)
        let completed = step.completed.flatMap(date)
        let state: (String, String) =
            if step.failed == true { ("Failed", "failed") }
            else if step.skipped == true { ("Skipped", "skipped") }
            else if completed != nil { ("Completed", "ok") }
            else if started != nil { ("Running", "running") }
            else { ("Not started", "pending") }
        var times: [String] = []
        if let started = step.started { times.append("started \(started)") }
        if let completed = step.completed { times.append("completed \(completed)") }
        let elapsed = started.map { format((completed ?? now).timeIntervalSince($0)) }
        let message = [step.phase.map { "Phase \($0)" }, step.message].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        return Step(
            name: step.name, stateText: state.0, stateClass: state.1, message: message.isEmpty ? nil : message,
            times: times.isEmpty ? nil : times.joined(separator: ", "), elapsed: elapsed, progress: step.progress ?? [],
            hasProgress: !(step.progress ?? []).isEmpty)
    }

    private static func volume(_ progress: DirectVolumeMigrationProgress) -> Volume {
        let status = progress.status
        let percentText = status.totalProgressPercentage ?? status.lastObservedProgressPercent ?? "0%"
        let number = Double(percentText.filter { $0.isNumber || $0 == "." }) ?? 0
        let claim = progress.object.labels["migration.openshift.io/pvc-name"] ?? [progress.spec.podNamespace, progress.object.name].compactMap { $0 }.joined(separator: "/")
        return Volume(
            name: claim, percent: percentText.hasSuffix("%") ? percentText : percentText + "%",
            percentValue: String(Int(min(max(number, 0), 100))), rate: status.lastObservedTransferRate ?? "—",
            state: status.phase ?? "Pending", message: status.exitCode.flatMap { $0 == 0 ? nil : "rsync exit code \($0): \(status.logMessage ?? "")" })
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// `4.2 s`, `3 min 05 s`, `1 h 02 min`.
    static func format(_ seconds: TimeInterval) -> String {
        let seconds = max(seconds, 0)
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds)
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60)
    }
}
