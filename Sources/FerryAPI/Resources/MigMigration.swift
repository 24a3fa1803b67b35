public import KubeCore

/// One run of a plan: a stage, a cutover, or a rollback; its status is the migration's
/// progress.
public struct MigMigration: MigrationResource {
    /// `MigMigration`.
    public static let resourceType = MigrationResourceType.migMigration

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

    /// What the user asks for.
    public struct Spec: MigrationFields {
        /// The plan to run.
        public var migPlanRef: MigrationObjectReference?
        /// `true`: a stage (copy data, leave the application running); `false`: a cutover.
        public var stage: Bool?
        /// Migrate only the selected volumes' data and claims.
        public var migrateState: Bool?
        /// Scale the source application down before the final copy (cutover only).
        public var quiescePods: Bool?
        /// Keep the `last-applied-configuration` annotation.
        public var keepAnnotations: Bool?
        /// Compare checksums of copied data.
        public var verify: Bool?
        /// Stop the migration at the next safe point and undo it.
        public var canceled: Bool?
        /// Undo a completed or failed migration of the plan.
        public var rollback: Bool?
        /// Run transfer pods as root.
        public var runAsRoot: Bool?
        /// The user id transfer pods run as.
        public var runAsUser: Int?
        /// The group id transfer pods run as.
        public var runAsGroup: Int?

        /// Every field unset.
        public init() {}
    }

    /// The migration's progress.
    public struct Status: MigrationFields {
        /// `Running`, `Succeeded`, `Failed`, `Canceled`, problems found.
        public var conditions: [MigrationCondition]?
        /// The current phase of the itinerary, such as `QuiesceSourceApplications`.
        public var phase: String?
        /// `Stage`, `Final`, `Rollback`, `Cancel` or `Failed`.
        public var itinerary: String?
        /// The coarse steps the console shows, with times and progress.
        public var pipeline: [PipelineStep]?
        /// Errors that failed the migration.
        public var errors: [String]?
        /// When the migration started.
        public var startTimestamp: String?
        /// The digest of the spec last reconciled.
        public var observedDigest: String?

        /// Every field unset.
        public init() {}
    }

    /// A coarse step of the migration, as the MTC console shows it.
    public struct PipelineStep: Codable, Sendable, Hashable {
        /// `Prepare`, `Backup`, `DirectImage`, `DirectVolume`, `Restore`, `Cleanup`, …
        public var name: String
        /// The phase running within the step.
        public var phase: String?
        /// What is happening.
        public var message: String?
        /// Progress lines, one per item (such as one per volume).
        public var progress: [String]?
        /// When the step started.
        public var started: String?
        /// When the step completed.
        public var completed: String?
        /// Whether the step failed.
        public var failed: Bool?
        /// Whether the step was skipped.
        public var skipped: Bool?

        /// Creates a step.
        public init(name: String, phase: String? = nil, message: String? = nil) {
            self.name = name
            self.phase = phase
            self.message = message
        }
    }

    /// The plan's name (`spec.migPlanRef.name`).
    public var planName: String? { spec.migPlanRef?.name }

    /// Whether the migration reached its end: a `Succeeded`, `Failed` or `Canceled` condition.
    public var isFinished: Bool {
        (status.conditions ?? []).contains { $0.isTrue && ["Succeeded", "Failed", "Canceled"].contains($0.type) }
    }
}
