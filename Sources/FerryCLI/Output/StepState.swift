public import FerryAPI
import KubeCore

/// Where a pipeline step stands, and how the CLI draws it.
public enum StepState: Sendable, Hashable {
    /// Not started.
    case pending
    /// Started, not completed.
    case running
    /// Completed.
    case succeeded
    /// Failed.
    case failed
    /// Not needed by this migration.
    case skipped

    /// The state of `step`.
    public init(_ step: MigMigration.PipelineStep) {
        if step.failed == true {
            self = .failed
        } else if step.completed != nil {
            self = step.skipped == true ? .skipped : .succeeded
        } else if step.started != nil {
            self = .running
        } else {
            self = step.skipped == true ? .skipped : .pending
        }
    }

    /// The one-character mark: ✓ ⟳ ✗ - ·.
    public var symbol: String {
        switch self {
        case .pending: "·"
        case .running: "⟳"
        case .succeeded: "✓"
        case .failed: "✗"
        case .skipped: "-"
        }
    }
}

/// Durations as the CLI prints them.
public enum ElapsedTime {
    /// `12s`, `3m04s`, `1h02m`.
    public static func format(seconds: Int64) -> String {
        let seconds = max(0, seconds)
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(pad(seconds % 60))s" }
        return "\(seconds / 3600)h\(pad(seconds % 3600 / 60))m"
    }

    /// How long `step` ran: until it completed, or until `now` while it runs.
    public static func of(_ step: MigMigration.PipelineStep, now: Int64) -> String? {
        guard let started = step.started.flatMap(KubeTime.parse) else { return nil }
        let end = step.completed.flatMap(KubeTime.parse) ?? now
        return format(seconds: end - started)
    }

    /// A kubectl-style age: `45s`, `12m`, `5h`, `3d`.
    public static func age(since timestamp: String?, now: Int64) -> String {
        guard let created = timestamp.flatMap(KubeTime.parse) else { return "<unknown>" }
        let seconds = max(0, now - created)
        if seconds < 120 { return "\(seconds)s" }
        if seconds < 7200 { return "\(seconds / 60)m" }
        if seconds < 172_800 { return "\(seconds / 3600)h" }
        return "\(seconds / 86400)d"
    }

    private static func pad(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
