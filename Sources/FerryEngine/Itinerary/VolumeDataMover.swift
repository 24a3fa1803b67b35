public import FerryAPI
public import KubeClient

/// Copies persistent-volume data from source claims into destination claims.
///
/// The runner calls it in the DirectVolume step of a stage and of a cutover, after the
/// destination claims exist. Each call must be idempotent: a resumed migration calls it again.
public protocol VolumeDataMover: Sendable {
    /// Copies (or continues copying) the data of `request.volumes`.
    func copy(_ request: VolumeCopyRequest) async throws -> VolumeCopyOutcome

    /// Stops the migration's transfers and deletes their resources (processes, pods, secrets),
    /// where MTC deletes them: at the end of a stage or cutover, and when the migration is
    /// canceled or failed. Must be idempotent.
    func cleanUp(_ request: VolumeCleanupRequest) async throws
}

extension VolumeDataMover {
    /// Nothing to clean up.
    public func cleanUp(_ request: VolumeCleanupRequest) async throws {}
}

/// The end of a migration's transfers, as the runner asks for it.
public struct VolumeCleanupRequest: Sendable {
    /// The migration whose transfers end.
    public var migration: MigMigration
    /// The itinerary ending: `Stage`, `Final`, `Cancel`, `Failed` or `Rollback`.
    public var itinerary: String
    /// The cluster holding the migration resources.
    public var host: KubeClient
    /// The source cluster.
    public var source: KubeClient
    /// The destination cluster.
    public var destination: KubeClient

    /// Creates a request.
    public init(migration: MigMigration, itinerary: String, host: KubeClient, source: KubeClient, destination: KubeClient) {
        self.migration = migration
        self.itinerary = itinerary
        self.host = host
        self.source = source
        self.destination = destination
    }
}

/// One copy of volume data, as the runner asks for it.
public struct VolumeCopyRequest: Sendable {
    /// Which copy of the migration this is.
    public enum Kind: String, Sendable {
        /// While the application runs; repeatable.
        case stage = "Stage"
        /// After the source was quiesced: the last copy, deleting what the source deleted.
        case cutover = "CutOver"
    }

    /// One claim whose data is copied.
    public struct Volume: Sendable, Hashable {
        /// The source claim's namespace.
        public var sourceNamespace: String
        /// The source claim's name.
        public var sourceName: String
        /// The destination claim's namespace.
        public var destinationNamespace: String
        /// The destination claim's name.
        public var destinationName: String
        /// Compare checksums after the copy.
        public var verify: Bool
        /// The destination claim's storage class, when it names one.
        public var targetStorageClass: String?
        /// The destination claim's access modes.
        public var targetAccessModes: [String]?
        /// The destination claim's volume mode.
        public var targetVolumeMode: String?

        /// Creates an entry.
        public init(
            sourceNamespace: String, sourceName: String, destinationNamespace: String, destinationName: String, verify: Bool,
            targetStorageClass: String? = nil, targetAccessModes: [String]? = nil, targetVolumeMode: String? = nil
        ) {
            self.sourceNamespace = sourceNamespace
            self.sourceName = sourceName
            self.destinationNamespace = destinationNamespace
            self.destinationName = destinationName
            self.verify = verify
            self.targetStorageClass = targetStorageClass
            self.targetAccessModes = targetAccessModes
            self.targetVolumeMode = targetVolumeMode
        }
    }

    /// Stage or cutover.
    public var kind: Kind
    /// The migration's name, for naming transfer resources.
    public var migrationName: String
    /// The migration's uid.
    public var migrationUID: String
    /// The claims to copy.
    public var volumes: [Volume]
    /// The source cluster.
    public var source: KubeClient
    /// The destination cluster.
    public var destination: KubeClient
    /// The cluster holding the migration resources, where the transfer's own resources
    /// (DirectVolumeMigration and its progress) are written.
    public var host: KubeClient
    /// The migration as last read: its namespace, uid and transfer settings (`runAsRoot`,
    /// `runAsUser`, `runAsGroup`, `verify`).
    public var migration: MigMigration
    /// The plan's source MigCluster.
    public var sourceClusterReference: MigrationObjectReference?
    /// The plan's destination MigCluster.
    public var destinationClusterReference: MigrationObjectReference?

    /// Creates a request.
    public init(
        kind: Kind, migration: MigMigration, volumes: [Volume], host: KubeClient, source: KubeClient, destination: KubeClient,
        sourceClusterReference: MigrationObjectReference?, destinationClusterReference: MigrationObjectReference?
    ) {
        self.kind = kind
        self.migrationName = migration.name
        self.migrationUID = migration.uid
        self.migration = migration
        self.volumes = volumes
        self.host = host
        self.source = source
        self.destination = destination
        self.sourceClusterReference = sourceClusterReference
        self.destinationClusterReference = destinationClusterReference
    }
}

/// Where a copy stands.
public enum VolumeCopyOutcome: Sendable, Hashable {
    /// Every volume's data is on the destination; one line per volume.
    case completed(progress: [String])
    /// Still copying; ask again later. One line per volume.
    case running(progress: [String])
}

/// The data mover used when no transfer is configured: claims are created on the
/// destination and left empty, and the pipeline says so for every volume.
public struct ClaimsOnlyDataMover: VolumeDataMover {
    /// Creates the mover.
    public init() {}

    /// Reports every volume as created without data.
    public func copy(_ request: VolumeCopyRequest) async throws -> VolumeCopyOutcome {
        .completed(progress: request.volumes.map {
            "\($0.destinationNamespace)/\($0.destinationName): claim created; no volume data transfer configured"
        })
    }
}
