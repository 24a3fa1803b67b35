/// A reference to another object by name and namespace, as MTC's `corev1.ObjectReference`.
public struct MigrationObjectReference: Codable, Sendable, Hashable {
    /// The object's name.
    public var name: String?
    /// The object's namespace.
    public var namespace: String?

    /// Creates a reference.
    public init(name: String? = nil, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }
}
