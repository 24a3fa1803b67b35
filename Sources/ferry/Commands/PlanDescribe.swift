import ArgumentParser
import FerryCLI

/// `ferry plan describe`: a plan's spec, conditions, volumes, analytics and migrations.
struct PlanDescribe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Show a plan's spec, conditions, persistent volumes, analytics and migrations.")

    @OptionGroup var host: HostOptions

    @Argument(help: "The plan's name.")
    var name: String

    func run() async throws {
        try await host.withHost { cluster, _, _ in
            let plan = try await cluster.plan(name)
            let migrations = try await cluster.migrations(ofPlan: name)
            // Analytics are extra: a user who may not list MigAnalytics still gets the plan.
            let analytic = try? await cluster.analytic(ofPlan: name)
            Terminal.write(lines: PlanViews.describe(plan, migrations: migrations, analytic: analytic, now: MigrationProgress.now()))
        }
    }
}
