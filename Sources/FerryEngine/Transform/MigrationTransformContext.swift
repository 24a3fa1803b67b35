/// What the transforms need to know about the migration an object belongs to.
public struct MigrationTransformContext: Sendable {
    /// The uid of the migration plan; stamped on every created object.
    public var planUID: String
    /// The uid of the migration run; stamped on every created object.
    public var migrationUID: String
    /// Source namespace → destination namespace. Namespaces not listed keep their name.
    public var namespaceMapping: [String: String]
    /// The uids of every object this migration carries over; owner references to other
    /// objects are removed, and objects controlled by one of these are left to their owner.
    public var migratedUIDs: Set<String>
    /// Keeps `kubectl.kubernetes.io/last-applied-configuration` when true.
    public var keepAnnotations: Bool
    /// Keeps Service node ports when true, so clients that reach a node port keep working.
    public var preserveNodePorts: Bool
    /// The plan's per-claim choices, keyed by the source `namespace/name`.
    public var persistentVolumeClaimSelections: [String: PersistentVolumeClaimSelection]
    /// Where images of the source registry were copied; nil when images are not migrated.
    public var imageMapping: ImageRegistryMapping?
    /// Only claims listed in ``persistentVolumeClaimSelections`` are migrated (a state
    /// migration carries the plan's selected claims and nothing else).
    public var migratesOnlySelectedClaims = false

    /// Creates a context.
    public init(
        planUID: String,
        migrationUID: String,
        namespaceMapping: [String: String] = [:],
        migratedUIDs: Set<String> = [],
        keepAnnotations: Bool = false,
        preserveNodePorts: Bool = false,
        persistentVolumeClaimSelections: [String: PersistentVolumeClaimSelection] = [:],
        imageMapping: ImageRegistryMapping? = nil
    ) {
        self.planUID = planUID
        self.migrationUID = migrationUID
        self.namespaceMapping = namespaceMapping
        self.migratedUIDs = migratedUIDs
        self.keepAnnotations = keepAnnotations
        self.preserveNodePorts = preserveNodePorts
        self.persistentVolumeClaimSelections = persistentVolumeClaimSelections
        self.imageMapping = imageMapping
    }

    /// The destination namespace for a source namespace.
    public func destinationNamespace(for namespace: String) -> String {
        namespaceMapping[namespace] ?? namespace
    }
}
