public import KubeCore

/// The copy of persistent-volume data from the source to the destination cluster.
public struct DirectVolumeMigration: MigrationResource {
    /// `DirectVolumeMigration`.
    public static let resourceType = MigrationResourceType.directVolumeMigration

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
        /// The claims whose data is copied.
        public var persistentVolumeClaims: [Claim]?
        /// Create the destination namespaces when missing.
        public var createDestinationNamespaces: Bool?
        /// Delete the progress resources when done.
        public var deleteProgressReportingCRs: Bool?
        /// Attempts per transfer before failing; 20 when unset.
        public var backOffLimit: Int?
        /// `Stage`, `CutOver` or `Rollback`.
        public var migrationType: String?

        /// Every field unset.
        public init() {}
    }

    /// A claim to copy and its destination.
    public struct Claim: Codable, Sendable, Hashable {
        /// The source claim's name.
        public var name: String
        /// The source claim's namespace.
        public var namespace: String
        /// The destination storage class.
        public var targetStorageClass: String?
        /// The destination access modes.
        public var targetAccessModes: [String]?
        /// The destination volume mode.
        public var targetVolumeMode: String?
        /// The destination namespace.
        public var targetNamespace: String?
        /// The destination claim name.
        public var targetName: String?
        /// Compare checksums after the copy.
        public var verify: Bool?

        /// Creates an entry.
        public init(name: String, namespace: String) {
            self.name = name
            self.namespace = namespace
        }
    }

    /// A transfer pod and what it last reported.
    public struct PodProgress: Codable, Sendable, Hashable {
        /// The pod's name.
        public var name: String?
        /// The pod's namespace.
        public var namespace: String?
        /// The claim it copies.
        public var pvcRef: MigrationObjectReference?
        /// Percent done, such as `42%`.
        public var lastObservedProgressPercent: String?
        /// Rate, such as `12.3MiB/s`.
        public var lastObservedTransferRate: String?
        /// Time since the transfer started, such as `1m2s`.
        public var totalElapsedTime: String?

        /// Creates an entry.
        public init(name: String? = nil, namespace: String? = nil) {
            self.name = name
            self.namespace = namespace
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
        /// Transfers that finished.
        public var successfulPods: [PodProgress]?
        /// Transfers that failed.
        public var failedPods: [PodProgress]?
        /// Transfers running.
        public var runningPods: [PodProgress]?
        /// Transfers waiting to start.
        public var pendingPods: [PodProgress]?
        /// Transfers whose state is unknown.
        public var unknownPods: [PodProgress]?
        /// Transfers pending for longer than allowed.
        public var pendingSinceTimeLimitPods: [PodProgress]?

        /// Every field unset.
        public init() {}
    }
}
