public import KubeCore

/// The objects a collection read: those of the namespaces themselves, and the
/// cluster-scoped objects they depend on.
public struct CollectedObjects: Sendable, Hashable {
    /// Objects that live in the collected namespaces, sorted by kind, namespace and name.
    public var namespaced: [KubeObject]
    /// The Namespace objects, persistent volumes bound to collected claims, security
    /// context constraints naming collected service accounts, and definitions of collected
    /// custom resources; sorted by kind and name.
    public var clusterScoped: [KubeObject]

    /// Creates a collection.
    public init(namespaced: [KubeObject] = [], clusterScoped: [KubeObject] = []) {
        self.namespaced = namespaced
        self.clusterScoped = clusterScoped
    }

    /// Every collected object, cluster-scoped ones first.
    public var all: [KubeObject] { clusterScoped + namespaced }

    /// Orders objects by group, kind, namespace and name, so results are reproducible.
    static func sorted(_ objects: [KubeObject]) -> [KubeObject] {
        objects.sorted { left, right in
            (left.groupVersion.group, left.kind, left.namespace ?? "", left.name)
                < (right.groupVersion.group, right.kind, right.namespace ?? "", right.name)
        }
    }
}
