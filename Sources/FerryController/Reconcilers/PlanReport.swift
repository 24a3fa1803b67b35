import FerryAPI

/// What one validation pass found out about a plan, before it is written to the status.
struct PlanReport {
    private(set) var found: [MigrationCondition] = []
    var sourceClasses: [MigPlan.StorageClass]?
    var destinationClasses: [MigPlan.StorageClass]?
    var excludedResources: [String]?

    /// Records a true condition.
    mutating func add(_ type: String, reason: String, category: String, _ message: String) {
        found.append(MigrationCondition(type: type, status: true, reason: reason, category: category, message: message))
    }

    /// Records `condition` as it is (a false or durable one).
    mutating func add(_ condition: MigrationCondition) {
        found.append(condition)
    }

    /// Whether a Critical condition was found.
    var hasCritical: Bool { found.hasCritical }

    /// The conditions to write: those found, and `Ready` when none of them is Critical and the
    /// plan is open (MTC leaves `Ready` unset otherwise).
    var conditions: [MigrationCondition] {
        guard !hasCritical, !found.contains(where: { $0.type == "PlanClosed" }) else { return found }
        return found + [MigrationCondition(type: "Ready", status: true, reason: "Ready", category: MigrationCondition.Category.required, message: "The migration plan is ready.")]
    }
}
