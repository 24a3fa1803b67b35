import ArgumentParser
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
            let plan = try await cluster.deletePlan(name, force: force)
            Terminal.write("migplan/\(plan.name) deleted\n")
        }
    }
}
