import ArgumentParser
import FerryAPI
import FerryCLI

/// `ferry plan delete`: deletes a plan (and, through ownership, its migrations).
struct PlanDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a plan; refused while one of its migrations runs unless --force.")

    @OptionGroup var host: HostOptions

    @Argument(help: "The plan's name.")
    var name: String

    @Flag(help: "Delete even while a migration of the plan runs.")
    var force = false

    func run() async throws {
        try await host.withHost { cluster, _, _ in
            let plan = try await cluster.plan(name)
            let running = try await cluster.migrations(ofPlan: name).filter { !$0.isFinished }
            if let migration = running.last, !force {
                throw FerryCLIError(
                    code: "migration-running",
                    message: "plan \(name) is running migration \(migration.name); cancel it with `ferry migrate cancel \(name)` or delete anyway with --force")
            }
            _ = try await cluster.client.delete(MigPlan.resourceType.resource, name: plan.name, namespace: cluster.namespace)
            Terminal.write("migplan/\(plan.name) deleted\n")
        }
    }
}
