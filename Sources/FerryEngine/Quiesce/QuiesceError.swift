/// Why quiescing or unquiescing a namespace's workloads failed.
public struct QuiesceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// Pods of quiesced workloads were still there when the wait ended.
        public static let timedOut = Code("timedOut")
        /// A saved pre-quiesce annotation holds a value that cannot be read back.
        public static let invalidAnnotation = Code("invalidAnnotation")
        /// Another writer kept changing the object, so the change could not be saved.
        public static let conflict = Code("conflict")

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, naming the objects and, where possible, the fix.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
