public import FerryAPI

/// How a migration ended, and the exit status `ferry migrate --wait` reports it with.
public enum MigrationOutcome: String, Sendable, Hashable {
    /// Completed without errors.
    case succeeded = "Succeeded"
    /// Failed; its errors say why.
    case failed = "Failed"
    /// Canceled before it completed.
    case canceled = "Canceled"

    /// The outcome of a finished migration; `nil` while it runs.
    public init?(_ migration: MigMigration) {
        let conditions = migration.status.conditions ?? []
        if conditions.isTrue("Canceled") {
            self = .canceled
        } else if conditions.isTrue("Failed") {
            self = .failed
        } else if conditions.isTrue("Succeeded") {
            self = .succeeded
        } else {
            return nil
        }
    }

    /// 0 succeeded, 1 failed, 2 canceled.
    public var exitCode: Int32 {
        switch self {
        case .succeeded: 0
        case .failed: 1
        case .canceled: 2
        }
    }
}
