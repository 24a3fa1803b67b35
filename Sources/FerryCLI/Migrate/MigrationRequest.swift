public import FerryAPI

/// What `ferry migrate stage|cutover|rollback` asks for, as the MigMigration MTC's console
/// would create.
public struct MigrationRequest: Sendable, Hashable {
    /// What the migration does.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// Copy volume data; the source keeps running.
        case stage
        /// Quiesce the source, copy the rest and start the application on the destination.
        case cutover
        /// Undo the plan's last migration.
        case rollback
    }

    /// The plan to run.
    public var plan: String
    /// What to do.
    public var action: Action
    /// Scale the source down before the final copy (cutover only; MTC's default is yes).
    public var quiescePods: Bool
    /// Keep `last-applied-configuration` annotations.
    public var keepAnnotations: Bool
    /// Compare checksums of copied data.
    public var verify: Bool
    /// The migration's name; `<plan>-<action>-<random>` when `nil`.
    public var name: String?
    /// A state migration (`migrateState`): only the plan's claims and their data; its stage
    /// leaves the workloads running, its cutover quiesces those using the claims.
    public var migratesState = false

    /// Creates a request.
    public init(plan: String, action: Action, quiescePods: Bool = true, keepAnnotations: Bool = false, verify: Bool = false, name: String? = nil) {
        self.plan = plan
        self.action = action
        self.quiescePods = quiescePods
        self.keepAnnotations = keepAnnotations
        self.verify = verify
        self.name = name
    }

    /// The MigMigration to create in `namespace`.
    public func migration(namespace: String) throws(FerryCLIError) -> MigMigration {
        if let name { try ResourceName.check(name, what: "migration name") }
        var spec = MigMigration.Spec()
        spec.migPlanRef = MigrationObjectReference(name: plan, namespace: namespace)
        switch action {
        case .stage where migratesState:
            spec.migrateState = true
            spec.quiescePods = false
        case .cutover where migratesState:
            spec.migrateState = true
            spec.quiescePods = quiescePods
        case .stage:
            spec.stage = true
            spec.quiescePods = false
        case .cutover:
            spec.stage = false
            spec.quiescePods = quiescePods
        case .rollback:
            spec.stage = false
            spec.rollback = true
        }
        if keepAnnotations { spec.keepAnnotations = true }
        if verify { spec.verify = true }
        var migration = MigMigration(name: name ?? "", namespace: namespace, spec: spec)
        if name == nil {
            migration.object.name = ""
            migration.object.generateName = "\(plan)-\(action.rawValue)-"
        }
        migration.object.labels = ["migration.openshift.io/migplan-name": plan]
        return migration
    }
}
