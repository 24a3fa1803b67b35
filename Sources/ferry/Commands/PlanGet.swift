import ArgumentParser
import FerryAPI
import FerryCLI

/// `ferry plan get`: the plans as a table, JSON or YAML.
struct PlanGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "List plans, or show one.")

    @OptionGroup var host: HostOptions

    @Argument(help: "A plan's name (default: every plan).")
    var name: String?

    @Option(name: .shortAndLong, help: "Output format: text, json or yaml.")
    var output: OutputFormat = .text

    func run() async throws {
        try await host.withHost { cluster, _, _ in
            let plans = if let name { [try await cluster.plan(name)] } else { try await cluster.plans() }
            switch output {
            case .text:
                if plans.isEmpty {
                    Terminal.write("No plans in namespace \(cluster.namespace); create one with `ferry plan create`.\n")
                } else {
                    Terminal.write(PlanViews.table(plans, now: MigrationProgress.now()).text)
                }
            case .json, .yaml:
                ObjectPrinter.print(plans.map(\.object), single: name != nil, format: output)
            }
        }
    }
}
