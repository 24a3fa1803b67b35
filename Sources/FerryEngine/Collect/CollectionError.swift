/// Why objects could not be collected from the source cluster.
public struct CollectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String

        /// A namespace of the scope does not exist on the source cluster.
        public static let namespaceNotFound = Code(name: "namespaceNotFound")
        /// Listing a resource failed.
        public static let listFailed = Code(name: "listFailed")
        /// A cluster-scoped dependency could not be read.
        public static let dependencyFailed = Code(name: "dependencyFailed")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What failed, naming the object and what to do about it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
