import ArgumentParser
import FerryAPI
import FerryCLI

/// `ferry plan analyze`: measures a plan's namespaces through its MigAnalytic, as MTC's
/// console does, and prints the measurement.
struct PlanAnalyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Measure a plan's namespaces (MigAnalytic): resources, images, claims and capacity.",
        discussion: """
            Creates the plan's MigAnalytic, or asks the existing one for a new measurement, then waits \
            for the controller to measure and prints the result. With --measure-usage the controller \
            also measures each volume it can reach and proposes a capacity (PV resizing).
            """)

    @OptionGroup var host: HostOptions

    @Argument(help: "The plan's name.")
    var name: String

    @Flag(help: "Also measure each volume's usage and propose its capacity (analyzeExtendedPVCapacity).")
    var measureUsage = false

    @Flag(inversion: .prefixedNo, help: "Wait for the measurement and print it.")
    var wait = true

    @Option(help: "Seconds to wait for the controller's measurement.")
    var timeout: Int = 120

    func run() async throws {
        try await host.withHost { cluster, _, _ in
            let plan = try await cluster.plan(name)
            let requested = try await cluster.analyze(plan, measureUsage: measureUsage, managedBy: "ferry")
            Terminal.write("miganalytic/\(requested.name) \(requested.spec.refresh == true ? "asked to measure again" : "created")\n")
            guard wait else { return }
            let measured = try await measurement(of: requested.name, on: cluster)
            Terminal.write(lines: PlanViews.analytics(measured))
            if AnalyticState(measured) == .failed { throw ExitCode.failure }
        }
    }

    /// The analytic once the controller measured it (or refused to), followed by a watch.
    private func measurement(of analytic: String, on cluster: HostCluster) async throws -> MigAnalytic {
        let measured = try await MigrationFollower(host: cluster).follow(MigAnalytic.resourceType.resource, name: analytic, timeout: .seconds(timeout)) { object in
            let current = try MigAnalytic(object: object)
            return AnalyticState(current) == .measuring ? nil : current
        }
        guard let measured else {
            throw FerryCLIError(
                code: "analytic-timeout",
                message: "MigAnalytic \(analytic) was not measured within \(timeout) s; check that a Ferry controller runs for namespace \(cluster.namespace) (`ferry controller`), or wait longer with --timeout")
        }
        return measured
    }
}
