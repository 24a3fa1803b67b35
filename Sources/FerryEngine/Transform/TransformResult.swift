public import KubeCore

/// What the pipeline produced for a batch of objects.
public struct TransformResult: Sendable {
    /// One object that will be created on the destination.
    public struct Transformed: Sendable {
        /// The object as it will be created.
        public var object: KubeObject
        /// The RFC 6902 patch from the source object to `object`, for review.
        public var patch: JSONValue

        /// Creates an entry.
        public init(object: KubeObject, patch: JSONValue) {
            self.object = object
            self.patch = patch
        }
    }

    /// One object that will not be created, and why.
    public struct Dropped: Sendable {
        /// The source object, unchanged.
        public var object: KubeObject
        /// The transform that dropped it.
        public var transform: String
        /// Why it is not migrated.
        public var reason: String

        /// Creates an entry.
        public init(object: KubeObject, transform: String, reason: String) {
            self.object = object
            self.transform = transform
            self.reason = reason
        }
    }

    /// The kept objects, in input order.
    public var transformed: [Transformed]
    /// The dropped objects, in input order.
    public var dropped: [Dropped]

    /// Creates a result.
    public init(transformed: [Transformed] = [], dropped: [Dropped] = []) {
        self.transformed = transformed
        self.dropped = dropped
    }

    /// The kept objects alone.
    public var objects: [KubeObject] { transformed.map(\.object) }
}
