/// A volume directory that could not be measured.
public struct VolumeUsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `not-a-directory`, `unreadable`.
    public var code: String
    /// What went wrong, naming the path.
    public var message: String

    /// The message.
    public var description: String { message }
}
