/// Why a migration phase cannot go on.
public struct MigrationRunnerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable code, such as `plan-not-ready` or `restore-failed`.
    public var code: String
    /// What went wrong, naming the objects, and what to do.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `message`.
    public var description: String { message }
}
