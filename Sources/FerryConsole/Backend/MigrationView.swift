public import FerryAPI
public import KubeCore

/// A MigMigration as the console shows it: what it does, how far it got, what failed.
public struct MigrationView: Codable, Sendable, Hashable {
    /// The MigMigration's name.
    public var name: String
    /// The plan it runs.
    public var plan: String?
    /// `stage`, `cutover` or `rollback`.
    public var type: String
    /// Whether the source was quiesced (cutover).
    public var quiescePods: Bool
    /// Whether only volume state moves.
    public var migrateState: Bool
    /// Whether cancellation was asked for.
    public var canceled: Bool
    /// `Running`, `Succeeded`, `Failed`, `Canceled` or `Pending`.
    public var state: String
    /// The current phase.
    public var phase: String?
    /// The itinerary (`Stage`, `Final`, `Rollback`, `Cancel`, `Failed`).
    public var itinerary: String?
    /// The coarse steps with times and progress lines.
    public var pipeline: [MigMigration.PipelineStep]
    /// Errors in full.
    public var errors: [String]
    /// Every condition.
    public var conditions: [MigrationCondition]
    /// When it started.
    public var startTimestamp: String?
    /// When it was created.
    public var creationTimestamp: String?
    /// Whether it reached an end.
    public var finished: Bool

    /// The view of `migration`.
    public init(_ migration: MigMigration) {
        let spec = migration.spec
        name = migration.name
        plan = migration.planName
        type = spec.rollback == true ? "rollback" : spec.stage == true ? "stage" : "cutover"
        quiescePods = spec.quiescePods ?? false
        migrateState = spec.migrateState ?? false
        canceled = spec.canceled ?? false
        let conditions = migration.status.conditions ?? []
        self.conditions = conditions
        let ended = ["Succeeded", "Failed", "Canceled"].first { conditions.isTrue($0) }
        state = ended ?? (migration.status.phase == nil ? "Pending" : "Running")
        phase = migration.status.phase
        itinerary = migration.status.itinerary
        pipeline = migration.status.pipeline ?? []
        errors = migration.status.errors ?? []
        startTimestamp = migration.status.startTimestamp
        creationTimestamp = migration.object.creationTimestamp
        finished = migration.isFinished
    }
}

/// A migration with the resources that carry its per-volume and per-image progress.
public struct MigrationDetail: Codable, Sendable, Hashable {
    /// The migration.
    public var migration: MigrationView
    /// The DirectVolumeMigrations it created, as stored.
    public var directVolumeMigrations: [JSONValue]
    /// Their DirectVolumeMigrationProgress objects (one per volume transfer), as stored.
    public var directVolumeMigrationProgresses: [JSONValue]
    /// The DirectImageMigrations it created, as stored.
    public var directImageMigrations: [JSONValue]
    /// kubectl commands that show the underlying resources.
    public var kubectlCommands: [String]

    /// Creates a detail.
    public init(migration: MigrationView, directVolumeMigrations: [JSONValue], directVolumeMigrationProgresses: [JSONValue], directImageMigrations: [JSONValue], kubectlCommands: [String]) {
        self.migration = migration
        self.directVolumeMigrations = directVolumeMigrations
        self.directVolumeMigrationProgresses = directVolumeMigrationProgresses
        self.directImageMigrations = directImageMigrations
        self.kubectlCommands = kubectlCommands
    }
}

/// What `POST /api/plans/{name}/migrations` (and the plan's action buttons) send.
public struct MigrationStartForm: Codable, Sendable, Hashable {
    /// `stage`, `cutover` or `rollback`.
    public var type: String?
    /// Cutover: halt transactions on the source (scale its workloads down) before the final copy.
    public var quiescePods: Bool?
    /// Compare checksums of copied data.
    public var verify: Bool?
    /// Keep `last-applied-configuration` annotations.
    public var keepAnnotations: Bool?

    /// Creates a form.
    public init(type: String? = nil, quiescePods: Bool? = nil, verify: Bool? = nil, keepAnnotations: Bool? = nil) {
        self.type = type
        self.quiescePods = quiescePods
        self.verify = verify
        self.keepAnnotations = keepAnnotations
    }
}
