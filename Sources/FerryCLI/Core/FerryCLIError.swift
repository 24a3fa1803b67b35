/// A failure of a `ferry` command the user can act on: what went wrong, and how to fix it.
public struct FerryCLIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable code, such as `context-not-found`.
    public var code: String
    /// What went wrong, naming the object, and the fix.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `message`.
    public var description: String { message }
}
