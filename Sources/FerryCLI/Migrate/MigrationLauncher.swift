public import FerryAPI
import KubeClient
import KubeCore

/// Starts and cancels migrations of plans on the host cluster.
public struct MigrationLauncher: Sendable {
    /// The host cluster.
    public var host: HostCluster

    /// Creates a launcher.
    public init(host: HostCluster) {
        self.host = host
    }

    /// Creates the migration `request` describes, after checking that its plan exists, has
    /// no critical problem and runs no other migration.
    public func start(_ request: MigrationRequest) async throws -> MigMigration {
        let plan = try await host.plan(request.plan)
        let critical = (plan.status.conditions ?? []).filter { $0.isTrue && $0.category == MigrationCondition.Category.critical }
        if !critical.isEmpty {
            let reasons = critical.map { "\($0.type): \($0.message ?? "")" }.joined(separator: "; ")
            throw FerryCLIError(code: "plan-not-ready", message: "plan \(plan.name) cannot run: \(reasons); fix the plan (`ferry plan describe \(plan.name)`) and try again")
        }
        if plan.spec.closed == true {
            throw FerryCLIError(code: "plan-closed", message: "plan \(plan.name) is closed and runs no more migrations")
        }
        let migrations = try await host.migrations(ofPlan: plan.name)
        if let running = migrations.last(where: { !$0.isFinished }) {
            throw FerryCLIError(
                code: "migration-running",
                message: "plan \(plan.name) is already running migration \(running.name); follow it with `ferry status \(plan.name) --watch` or cancel it with `ferry migrate cancel \(plan.name)`")
        }
        if request.action == .rollback, migrations.isEmpty {
            throw FerryCLIError(code: "nothing-to-roll-back", message: "plan \(plan.name) has no migration to roll back")
        }
        let migration = try request.migration(namespace: host.namespace)
        return try MigMigration(object: try await host.client.create(MigMigration.resourceType.resource, migration.encoded(), namespace: host.namespace))
    }

    /// Asks the running migration of `plan` to stop (`spec.canceled: true`).
    public func cancel(plan name: String) async throws -> MigMigration {
        let running = try await running(plan: name)
        let patched = try await host.client.patch(
            MigMigration.resourceType.resource, name: running.name, namespace: host.namespace,
            patch: .merge(["spec": ["canceled": true]]))
        return try MigMigration(object: patched)
    }

    /// The unfinished migration of `plan`; an error when none runs.
    public func running(plan name: String) async throws -> MigMigration {
        let plan = try await host.plan(name)
        guard let running = try await host.migrations(ofPlan: plan.name).last(where: { !$0.isFinished }) else {
            throw FerryCLIError(code: "no-running-migration", message: "plan \(plan.name) has no unfinished migration; see `ferry status \(plan.name)`")
        }
        return running
    }

    /// The latest migration of `plan`; an error when the plan has none.
    public func latest(plan name: String) async throws -> MigMigration {
        let plan = try await host.plan(name)
        guard let latest = try await host.migrations(ofPlan: plan.name).last else {
            throw FerryCLIError(code: "no-migration", message: "plan \(plan.name) has no migration yet; start one with `ferry migrate stage|cutover \(plan.name)`")
        }
        return latest
    }
}
