public import FerryAPI

/// Where a MigAnalytic's measurement stands.
public enum AnalyticState: String, Codable, Sendable, Hashable {
    /// Measured, and no new measurement asked for.
    case measured = "Measured"
    /// Not measured yet, or `spec.refresh` asks for a new measurement.
    case measuring = "Measuring"
    /// The controller refused it (a critical condition, such as a plan that does not exist).
    case failed = "Failed"

    /// The state of `analytic`.
    public init(_ analytic: MigAnalytic) {
        let conditions = (analytic.status.conditions ?? []).filter(\.isTrue)
        if conditions.contains(where: { $0.category == MigrationCondition.Category.critical }) {
            self = .failed
        } else if analytic.spec.refresh == true || !conditions.contains(where: { $0.type == "Ready" }) {
            self = .measuring
        } else {
            self = .measured
        }
    }

    /// The conditions' messages other than `Ready`: warnings, or why it was refused.
    public static func problems(of analytic: MigAnalytic) -> [String] {
        (analytic.status.conditions ?? []).filter { $0.isTrue && $0.type != "Ready" }.map { $0.message ?? $0.reason ?? $0.type }
    }
}
