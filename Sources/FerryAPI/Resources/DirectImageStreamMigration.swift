public import KubeCore

/// The copy of one image stream's images.
public struct DirectImageStreamMigration: MigrationResource {
    /// `DirectImageStreamMigration`.
    public static let resourceType = MigrationResourceType.directImageStreamMigration

    /// The lossless object.
    public var object: KubeObject
    /// The typed spec.
    public var spec: Spec
    /// The typed status.
    public var status: Status

    /// Creates the resource from its parts.
    public init(object: KubeObject, spec: Spec, status: Status) {
        self.object = object
        self.spec = spec
        self.status = status
    }

    /// What to copy.
    public struct Spec: MigrationFields {
        /// The source MigCluster.
        public var srcMigClusterRef: MigrationObjectReference?
        /// The destination MigCluster.
        public var destMigClusterRef: MigrationObjectReference?
        /// The image stream.
        public var imageStreamRef: MigrationObjectReference?
        /// Its destination namespace.
        public var destNamespace: String?

        /// Every field unset.
        public init() {}
    }

    /// The copy's progress.
    public struct Status: MigrationFields {
        /// `Running`, `Succeeded`, `Failed`, problems found.
        public var conditions: [MigrationCondition]?
        /// The current phase.
        public var phase: String?
        /// The itinerary.
        public var itinerary: String?
        /// When the copy started.
        public var startTimestamp: String?
        /// Errors that failed it.
        public var errors: [String]?

        /// Every field unset.
        public init() {}
    }
}
