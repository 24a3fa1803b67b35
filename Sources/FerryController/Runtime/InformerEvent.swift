public import KubeCore

/// A change an informer observed in its cache.
public struct InformerEvent: Sendable {
    /// What happened to the object.
    public enum Kind: Sendable, Hashable {
        /// The object appeared (also for every object of the initial list).
        case added
        /// The object changed.
        case updated
        /// The object is gone.
        case deleted
    }

    /// What happened.
    public var kind: Kind
    /// The object as it is now (as it was last seen, for `deleted`).
    public var object: KubeObject
    /// The object as the cache held it before, for `updated`.
    public var previous: KubeObject?

    /// Creates an event.
    public init(kind: Kind, object: KubeObject, previous: KubeObject? = nil) {
        self.kind = kind
        self.object = object
        self.previous = previous
    }

    /// The key of the object.
    public var key: ObjectKey { ObjectKey(object) }
}
