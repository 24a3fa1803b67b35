/// A Kubernetes protobuf body that could not be read.
public struct KubeProtobufError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, naming the message type and field where possible.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
