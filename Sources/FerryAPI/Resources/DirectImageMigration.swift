public import KubeCore

/// The copy of a migration's images from the source registry to the destination registry.
public struct DirectImageMigration: MigrationResource {
    /// `DirectImageMigration`.
    public static let resourceType = MigrationResourceType.directImageMigration

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
        /// Namespaces, each `src` or `src:dest`.
        public var namespaces: [String]?

        /// Every field unset.
        public init() {}
    }

    /// An image stream and where its copy stands.
    public struct ImageStreamReference: Codable, Sendable, Hashable {
        /// The image stream's name.
        public var name: String?
        /// Its namespace.
        public var namespace: String?
        /// Its destination namespace.
        public var destNamespace: String?
        /// Why it failed, when it did.
        public var errors: [String]?
        /// The DirectImageStreamMigration copying it.
        public var directMigration: MigrationObjectReference?

        /// Creates an entry.
        public init(name: String? = nil, namespace: String? = nil, destNamespace: String? = nil) {
            self.name = name
            self.namespace = namespace
            self.destNamespace = destNamespace
        }
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
        /// Image streams not yet copied.
        public var newISs: [ImageStreamReference]?
        /// Image streams copied.
        public var successfulISs: [ImageStreamReference]?
        /// Image streams that failed.
        public var failedISs: [ImageStreamReference]?

        /// Every field unset.
        public init() {}
    }
}
