public import FerryAPI

/// A resource's `Ready` condition as the console shows it: `True`, `False` or `Unknown`
/// (not yet checked), with the reason and message of the problem.
public struct ReadinessView: Codable, Sendable, Hashable {
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// The reason of the `Ready` condition, or of the first critical problem.
    public var reason: String?
    /// What the controller said.
    public var message: String?

    /// Creates a view.
    public init(status: String, reason: String? = nil, message: String? = nil) {
        self.status = status
        self.reason = reason
        self.message = message
    }

    /// The readiness that `conditions` report.
    public init(conditions: [MigrationCondition]) {
        if let ready = conditions.first(type: "Ready"), ready.isTrue, !conditions.hasCritical {
            self.init(status: "True", reason: ready.reason, message: ready.message)
        } else if let problem = conditions.first(where: { $0.isTrue && [MigrationCondition.Category.critical, MigrationCondition.Category.error].contains($0.category) }) {
            self.init(status: "False", reason: problem.reason ?? problem.type, message: problem.message)
        } else if let ready = conditions.first(type: "Ready") {
            self.init(status: ready.status, reason: ready.reason, message: ready.message)
        } else {
            self.init(status: "Unknown", reason: "NotYetChecked", message: "the controller has not checked it yet")
        }
    }

    /// Whether the status is `True`.
    public var isReady: Bool { status == "True" }
}
