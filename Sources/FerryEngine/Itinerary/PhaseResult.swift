import FerryAPI

/// What one run of a phase found.
enum PhaseResult: Sendable {
    /// The phase did its work; `progress` replaces the step's progress lines when given.
    case done(progress: [String]?, message: String?, conditions: [MigrationCondition])
    /// The phase had nothing to do in this migration, for `reason`.
    case skipped(String)
    /// The phase waits for the clusters; it runs again on the next reconcile.
    case waiting(String)

    static func done(_ message: String? = nil, progress: [String]? = nil, conditions: [MigrationCondition] = []) -> PhaseResult {
        .done(progress: progress, message: message, conditions: conditions)
    }
}
