public import FerryAPI
import KubeCore

/// A migration's status as lines of text: phase, itinerary, pipeline steps with their state,
/// elapsed time, message and progress, and errors.
public struct MigrationStatusView: Sendable {
    /// The migration shown.
    public var migration: MigMigration
    /// The current time (seconds since 1970), for running steps' elapsed time.
    public var now: Int64

    /// Creates a view.
    public init(migration: MigMigration, now: Int64) {
        self.migration = migration
        self.now = now
    }

    /// The result column: the outcome, or `Running`.
    public var result: String {
        MigrationOutcome(migration)?.rawValue ?? (migration.status.itinerary == nil ? "Pending" : "Running")
    }

    /// The lines; `spinner` replaces ⟳ on the running step in a live view.
    public func lines(spinner: String? = nil) -> [String] {
        let status = migration.status
        var lines = [
            "Migration: \(migration.name)   Plan: \(migration.planName ?? "-")   Type: \(Self.type(of: migration))",
            "Itinerary: \(status.itinerary ?? "-")   Phase: \(status.phase ?? "-")   Started: \(status.startTimestamp ?? "-")",
            "Result:    \(result)",
        ]
        let steps = status.pipeline ?? []
        if !steps.isEmpty {
            lines.append("Steps:")
            let width = steps.map(\.name.count).max() ?? 0
            for step in steps {
                let state = StepState(step)
                let mark = state == .running ? (spinner ?? state.symbol) : state.symbol
                var line = "  \(mark) \(step.name.padded(to: width))"
                let elapsed = state == .skipped ? "" : ElapsedTime.of(step, now: now) ?? ""
                line += "  " + String(repeating: " ", count: max(0, 6 - elapsed.count)) + elapsed
                if state == .skipped {
                    line += "  skipped"
                } else if let message = step.message, !message.isEmpty, state != .pending || message != "Not started" {
                    line += "  \(message)"
                }
                lines.append(Self.trimmed(line))
                if state != .skipped {
                    for progress in step.progress ?? [] { lines.append("      \(progress)") }
                }
            }
        }
        let errors = status.errors ?? []
        if !errors.isEmpty {
            lines.append("Errors:")
            lines += errors.map { "  \($0)" }
        }
        let warnings = (status.conditions ?? []).filter {
            $0.isTrue && [MigrationCondition.Category.warn, MigrationCondition.Category.critical].contains($0.category ?? "") && $0.type != "Failed"
        }
        if !warnings.isEmpty {
            lines.append("Conditions:")
            lines += warnings.map { "  \($0.category ?? "") \($0.type): \($0.message ?? "")" }
        }
        return lines
    }

    /// `Stage`, `Cutover` or `Rollback`, from the spec.
    public static func type(of migration: MigMigration) -> String {
        if migration.spec.rollback == true { return "Rollback" }
        if migration.spec.migrateState == true { return migration.spec.quiescePods == true ? "State cutover" : "State stage" }
        return migration.spec.stage == true ? "Stage" : "Cutover"
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
