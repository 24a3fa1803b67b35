public import KubeCore

/// Names one object a controller reconciles: its namespace (`nil` for cluster-scoped objects)
/// and name.
public struct ObjectKey: Hashable, Sendable, CustomStringConvertible {
    /// The namespace, or `nil` for a cluster-scoped object.
    public var namespace: String?
    /// The name.
    public var name: String

    /// Creates a key.
    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The key of an object.
    public init(_ object: KubeObject) {
        self.init(namespace: object.namespace, name: object.name)
    }

    /// `namespace/name`, or `name` for a cluster-scoped object.
    public var description: String {
        namespace.map { "\($0)/\(name)" } ?? name
    }
}
