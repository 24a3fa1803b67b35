import FerryAPI

/// What one run of a phase found.
enum PhaseResult: Sendable {
    /// The phase did its work; `progress` replaces the step's progress lines when given.
    case done(progress: [String]?, message: String?, conditions: [MigrationCondition])
    /// The phase had nothing to do in this migration, for `reason`.
    case skipped(String)
    /// The phase waits for the clusters; it runs again on the next reconcile.
    case waiting(String)
    /// The phase's work goes on (a copy); it runs again on the next reconcile. `progress`
    /// replaces the step's progress lines.
    case running(String, progress: [String])

    static func done(_ message: String? = nil, progress: [String]? = nil, conditions: [MigrationCondition] = []) -> PhaseResult {
        .done(progress: progress, message: message, conditions: conditions)
    }
}
