public import KubeClient

/// Copies persistent-volume data from source claims into destination claims.
///
/// The runner calls it in the DirectVolume step of a stage and of a cutover, after the
/// destination claims exist. Each call must be idempotent: a resumed migration calls it again.
public protocol VolumeDataMover: Sendable {
    /// Copies (or continues copying) the data of `request.volumes`.
    func copy(_ request: VolumeCopyRequest) async throws -> VolumeCopyOutcome
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

        /// Creates an entry.
        public init(sourceNamespace: String, sourceName: String, destinationNamespace: String, destinationName: String, verify: Bool) {
            self.sourceNamespace = sourceNamespace
            self.sourceName = sourceName
            self.destinationNamespace = destinationNamespace
            self.destinationName = destinationName
            self.verify = verify
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

    /// Creates a request.
    public init(kind: Kind, migrationName: String, migrationUID: String, volumes: [Volume], source: KubeClient, destination: KubeClient) {
        self.kind = kind
        self.migrationName = migrationName
        self.migrationUID = migrationUID
        self.volumes = volumes
        self.source = source
        self.destination = destination
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
