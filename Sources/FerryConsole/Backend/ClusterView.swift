public import FerryAPI

/// A MigCluster as the console lists it.
public struct ClusterView: Codable, Sendable, Hashable {
    /// The MigCluster's name.
    public var name: String
    /// Whether it is the host cluster.
    public var isHostCluster: Bool
    /// The API server URL of a remote cluster.
    public var url: String?
    /// Whether TLS verification is skipped.
    public var insecure: Bool
    /// Whether a CA bundle is set.
    public var hasCABundle: Bool
    /// The exposed route of the cluster's image registry.
    public var exposedRegistryPath: String?
    /// The token Secret, `namespace/name`.
    public var tokenSecret: String?
    /// Readiness with its reason.
    public var ready: ReadinessView
    /// Every condition the controller set.
    public var conditions: [MigrationCondition]

    /// The view of `cluster`.
    public init(_ cluster: MigCluster) {
        name = cluster.name
        isHostCluster = cluster.spec.isHostCluster ?? false
        url = cluster.spec.url
        insecure = cluster.spec.insecure ?? false
        hasCABundle = !(cluster.spec.caBundle ?? "").isEmpty
        exposedRegistryPath = cluster.spec.exposedRegistryPath
        tokenSecret = cluster.spec.serviceAccountSecretRef.map { "\($0.namespace ?? "")/\($0.name ?? "")" }
        conditions = cluster.status.conditions ?? []
        ready = ReadinessView(conditions: conditions)
    }
}
