/// The registries of a plan's two clusters, as their MigClusters name them: the path Ferry
/// reads and writes through (`spec.exposedRegistryPath`, else `status.registryPath`) and the
/// in-cluster name pods of that cluster pull by (`status.registryPath`, discovered from the
/// cluster's image configuration).
public struct ImageRegistryPaths: Sendable, Hashable {
    /// The source cluster's registry, e.g. `registry-source.apps.example.com`.
    public var source: String
    /// The destination cluster's registry.
    public var destination: String
    /// The source registry's in-cluster name, e.g.
    /// `image-registry.openshift-image-registry.svc:5000`; images named by it are read
    /// through `source`.
    public var sourceInternal: String?
    /// The destination registry's in-cluster name; migrated workloads and ImageStreams point at
    /// it (else at `destination`).
    public var destinationInternal: String?

    /// The registries `source` and `destination`, with their in-cluster names when known.
    public init(source: String, destination: String, sourceInternal: String? = nil, destinationInternal: String? = nil) {
        self.source = source
        self.destination = destination
        self.sourceInternal = sourceInternal
        self.destinationInternal = destinationInternal
    }
}
