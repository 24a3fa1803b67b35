public import KubeCore

/// The informers of a `ControllerService`, one per watched resource, for triggers that need
/// to look at other objects (which MigPlans reference this MigCluster?).
public struct InformerSet: Sendable {
    /// The informers by resource.
    public let informers: [GroupVersionResource: Informer]

    /// Creates a set.
    public init(_ informers: [Informer]) {
        self.informers = Dictionary(informers.map { ($0.resource, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The cached objects of a resource (empty when it is not watched).
    public func objects(_ resource: GroupVersionResource, namespace: String? = nil) -> [KubeObject] {
        informers[resource]?.objects(namespace: namespace) ?? []
    }
}
