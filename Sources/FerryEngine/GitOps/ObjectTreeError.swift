/// Why an exported object directory could not be read or written.
public struct ObjectTreeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String

        /// The directory does not exist or holds no objects.
        public static let noObjects = Code(name: "noObjects")
        /// A file is not a Kubernetes object in JSON or YAML.
        public static let invalidFile = Code(name: "invalidFile")
        /// A file or directory could not be written.
        public static let writeFailed = Code(name: "writeFailed")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What failed, naming the file and the fix.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
