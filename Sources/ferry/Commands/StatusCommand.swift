import ArgumentParser
import FerryCLI

/// `ferry status`: the latest migration of a plan.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the latest migration of a plan: phase, itinerary, steps, progress and errors.")

    @OptionGroup var host: HostOptions

    @Argument(help: "The plan's name.")
    var plan: String

    @Flag(help: "Follow the migration until it ends (redrawn in place on a terminal, one line per change otherwise).")
    var watch = false

    @Option(name: .shortAndLong, help: "Output format: text, json or yaml.")
    var output: OutputFormat = .text

    func run() async throws {
        try await host.withHost { cluster, _, _ in
            let latest = try await MigrationLauncher(host: cluster).latest(plan: plan)
            guard watch, !latest.isFinished else {
                switch output {
                case .text: Terminal.write(lines: MigrationStatusView(migration: latest, now: MigrationProgress.now()).lines())
                case .json, .yaml: ObjectPrinter.print([latest.object], single: true, format: output)
                }
                return
            }
            _ = try await MigrationProgress(host: cluster, format: output).follow(latest.name)
        }
    }
}
