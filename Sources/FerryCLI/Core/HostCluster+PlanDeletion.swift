public import FerryAPI
import KubeClient
import KubeCore

extension HostCluster {
    /// Deletes plan `name` (its migrations go with it: the controller makes the plan their
    /// owner). Refused while a migration of the plan runs, unless `force`.
    public func deletePlan(_ name: String, force: Bool) async throws -> MigPlan {
        let plan = try await plan(name)
        if !force, let running = try await migrations(ofPlan: name).last(where: { !$0.isFinished }) {
            throw FerryCLIError(
                code: "migration-running",
                message: "plan \(name) is running migration \(running.name); cancel it with `ferry migrate cancel \(name)` or delete anyway with --force")
        }
        _ = try await client.delete(MigPlan.resourceType.resource, name: plan.name, namespace: namespace)
        return plan
    }
}
