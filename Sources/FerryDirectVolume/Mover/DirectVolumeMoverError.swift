/// A failure of the direct volume mover: a volume that failed to copy, a volume no plane can
/// reach, a setting that cannot work.
public struct DirectVolumeMoverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A short, stable name of the failure, such as `transfer-failed`.
    public var code: String
    /// What went wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
