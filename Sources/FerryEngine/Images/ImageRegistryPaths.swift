/// The registries of a plan's two clusters, as their MigClusters name them
/// (`spec.exposedRegistryPath`, else `status.registryPath`).
public struct ImageRegistryPaths: Sendable, Hashable {
    /// The source cluster's registry, e.g. `registry-source.apps.example.com`.
    public var source: String
    /// The destination cluster's registry.
    public var destination: String

    /// The registries `source` and `destination`.
    public init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }
}
