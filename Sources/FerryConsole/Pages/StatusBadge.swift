import FerryAPI

/// A status as the pages show it: words and a style class (`ok`, `failed`, `warn`,
/// `running`, `pending`).
struct StatusBadge: Sendable {
    var text: String
    var style: String

    /// A plan's state from its validation.
    static func plan(_ plan: PlanView) -> StatusBadge {
        if plan.conditions.hasCritical { return StatusBadge(text: "Not ready", style: "failed") }
        if plan.closed { return StatusBadge(text: "Closed", style: "pending") }
        if plan.ready.isReady { return StatusBadge(text: "Ready", style: "ok") }
        if plan.conditions.isEmpty { return StatusBadge(text: "Validating", style: "pending") }
        return StatusBadge(text: "Not ready", style: "warn")
    }
}
