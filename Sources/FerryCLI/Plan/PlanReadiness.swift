public import FerryAPI
import KubeClient
import KubeCore

/// Waits for the controller's verdict on a plan.
public struct PlanReadiness: Sendable {
    /// The host cluster.
    public var host: HostCluster

    /// Creates a waiter.
    public init(host: HostCluster) {
        self.host = host
    }

    /// The plan once the controller has validated it: `Ready`, or an error listing its
    /// critical conditions, or that the controller gave no verdict within `timeout`.
    public func wait(for name: String, timeout: Duration) async throws -> MigPlan {
        let ready = try await MigrationFollower(host: host).follow(MigPlan.resourceType.resource, name: name, timeout: timeout) { object in
            let plan = try MigPlan(object: object)
            let conditions = plan.status.conditions ?? []
            let verdicts = conditions.filter { $0.isTrue && $0.category == MigrationCondition.Category.critical && $0.reason != "NotYetChecked" }
            if !verdicts.isEmpty { throw Self.criticalError(plan) }
            return plan.isReady ? plan : nil
        }
        guard let ready else {
            throw FerryCLIError(
                code: "plan-wait-timeout",
                message: "plan \(name) was not validated within \(timeout.components.seconds) seconds; is the controller running? (`ferry install --apply`, or `ferry controller`)")
        }
        return ready
    }

    static func criticalError(_ plan: MigPlan) -> FerryCLIError {
        let critical = (plan.status.conditions ?? []).filter { $0.isTrue && $0.category == MigrationCondition.Category.critical }
        let lines = critical.map { "  \($0.type): \($0.message ?? $0.reason ?? "")" }.joined(separator: "\n")
        return FerryCLIError(code: "plan-critical", message: "plan \(plan.name) is not ready:\n\(lines)")
    }
}
