/// A custom resource that cannot be read as the Migration Toolkit defines it.
public struct MigrationAPIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable code, such as `wrong-kind` or `invalid-spec`.
    public var code: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `message`.
    public var description: String { message }
}
