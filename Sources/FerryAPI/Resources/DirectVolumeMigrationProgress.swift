public import KubeCore

/// The progress of one volume transfer, with the history of its attempts.
public struct DirectVolumeMigrationProgress: MigrationResource {
    /// `DirectVolumeMigrationProgress`.
    public static let resourceType = MigrationResourceType.directVolumeMigrationProgress

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

    /// Which transfer to follow.
    public struct Spec: MigrationFields {
        /// The cluster the transfer runs on.
        public var clusterRef: MigrationObjectReference?
        /// The transfer pod.
        public var podRef: MigrationObjectReference?
        /// The transfer pods' namespace.
        public var podNamespace: String?
        /// Labels of the transfer pods.
        public var podSelector: [String: String]?

        /// Every field unset.
        public init() {}
    }

    /// One attempt of the transfer.
    public struct Attempt: Codable, Sendable, Hashable {
        /// The pod (or process) name.
        public var podName: String?
        /// `Pending`, `Running`, `Succeeded`, `Failed`.
        public var podPhase: String?
        /// rsync's exit code.
        public var exitCode: Int?
        /// rsync's last message.
        public var logMessage: String?
        /// Percent done.
        public var lastObservedProgressPercent: String?
        /// Rate.
        public var lastObservedTransferRate: String?
        /// Elapsed time.
        public var rsyncElapsedTime: String?
        /// When the attempt started.
        public var creationTimestamp: String?

        /// Creates an attempt.
        public init(podName: String? = nil, podPhase: String? = nil) {
            self.podName = podName
            self.podPhase = podPhase
        }
    }

    /// The transfer's progress.
    public struct Status: MigrationFields {
        /// Problems found.
        public var conditions: [MigrationCondition]?
        /// The transfer's phase.
        public var phase: String?
        /// rsync's exit code once it ended.
        public var exitCode: Int?
        /// rsync's last message.
        public var logMessage: String?
        /// Percent done over all attempts.
        public var totalProgressPercentage: String?
        /// Percent done in the current attempt.
        public var lastObservedProgressPercent: String?
        /// Rate.
        public var lastObservedTransferRate: String?
        /// Elapsed time.
        public var rsyncElapsedTime: String?
        /// Bytes copied.
        public var transferredBytes: Int?
        /// Files copied.
        public var transferredFiles: Int?
        /// Every attempt, oldest first.
        public var rsyncPodStatuses: [Attempt]?

        /// Every field unset.
        public init() {}
    }
}
