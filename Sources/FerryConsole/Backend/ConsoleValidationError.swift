/// Input the console refuses, with a message per field; nothing was written to a cluster.
public struct ConsoleValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Messages by field name (the JSON member or form field, such as `name` or
    /// `namespaces[0].source`).
    public var fields: [String: String]
    /// What the form as a whole lacks.
    public var message: String

    /// Creates an error.
    public init(fields: [String: String], message: String? = nil) {
        self.fields = fields
        let names = fields.keys.sorted().joined(separator: ", ")
        self.message = message ?? "the form has problems in: \(names); nothing was created or changed"
    }

    /// The message.
    public var description: String { message }
}
