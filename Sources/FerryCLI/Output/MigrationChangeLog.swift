public import FerryAPI

/// What changed between two versions of a migration, one plain line per change: the output
/// of `ferry status --watch` when it does not write to a terminal.
public enum MigrationChangeLog {
    /// The lines describing the change from `previous` (`nil` for the first version seen) to
    /// `current`.
    public static func lines(from previous: MigMigration?, to current: MigMigration, now: Int64) -> [String] {
        var lines: [String] = []
        let before = previous?.status, after = current.status
        if previous == nil {
            lines.append("migration \(current.name) (\(MigrationStatusView.type(of: current)) of plan \(current.planName ?? "-"))")
        }
        if let itinerary = after.itinerary, itinerary != before?.itinerary { lines.append("itinerary \(itinerary)") }
        if let phase = after.phase, phase != before?.phase { lines.append("phase \(phase)") }
        let oldSteps = Dictionary((before?.pipeline ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for step in after.pipeline ?? [] {
            lines += stepLines(old: oldSteps[step.name], new: step, now: now)
        }
        let oldErrors = Set(before?.errors ?? [])
        for error in after.errors ?? [] where !oldErrors.contains(error) { lines.append("✗ error: \(error)") }
        if let outcome = MigrationOutcome(current), previous.flatMap(MigrationOutcome.init) == nil {
            switch outcome {
            case .succeeded: lines.append("migration \(current.name) succeeded")
            case .failed: lines.append("migration \(current.name) failed")
            case .canceled: lines.append("migration \(current.name) was canceled")
            }
        }
        return lines
    }

    private static func stepLines(old: MigMigration.PipelineStep?, new step: MigMigration.PipelineStep, now: Int64) -> [String] {
        let oldState = old.map(StepState.init) ?? .pending
        let state = StepState(step)
        var lines: [String] = []
        let message = step.message.flatMap { $0.isEmpty ? nil : $0 }
        if state != oldState {
            let elapsed = ElapsedTime.of(step, now: now) ?? "0s"
            switch state {
            case .pending: break
            case .running: lines.append("⟳ \(step.name) started" + (message.map { ": \($0)" } ?? ""))
            case .succeeded: lines.append("✓ \(step.name) completed in \(elapsed)" + (message.map { ": \($0)" } ?? ""))
            case .failed: lines.append("✗ \(step.name) failed after \(elapsed)" + (message.map { ": \($0)" } ?? ""))
            case .skipped: lines.append("- \(step.name) skipped")
            }
        } else if state == .running, let message, message != old?.message {
            lines.append("⟳ \(step.name): \(message)")
        }
        if state != .skipped {
            let oldProgress = Set(old?.progress ?? [])
            for progress in step.progress ?? [] where !oldProgress.contains(progress) {
                lines.append("  \(step.name): \(progress)")
            }
        }
        return lines
    }
}
