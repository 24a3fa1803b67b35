import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import Logging

/// Measures Ferry's cutover against a running sandbox and a running `ferry controller`, with
/// kubectl copying the same objects in the same run as the baseline. Prints Markdown tables.
@main
struct MigrateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-bench",
        abstract: "Benchmark Ferry cutovers against a kubectl copy in the same run.")

    @Option(help: "The sandbox kubeconfig (contexts source and destination).")
    var kubeconfig: String

    @Option(help: "The ferry executable.")
    var ferry: String

    @Option(help: "The process id of the running `ferry controller`, for its memory readings.")
    var controllerPID: Int32

    @Option(help: "Cutovers of a small namespace, each a fresh namespace and plan.")
    var runs = 5

    @Option(help: "ConfigMaps in the large namespace.")
    var configMaps = 4000

    @Option(help: "Secrets in the large namespace.")
    var secrets = 1000

    @Option(help: "Runs of the large namespace's cutover and its kubectl copy, each a fresh namespace.")
    var bulkRuns = 3

    @Option(help: "Concurrent requests while the benchmark fills namespaces.")
    var concurrency = 16

    func validate() throws {
        guard runs >= 1, bulkRuns >= 1 else { throw ValidationError("--runs and --bulk-runs must be at least 1") }
        guard configMaps >= 0, secrets >= 0, configMaps + secrets >= 1 else {
            throw ValidationError("--config-maps and --secrets must not be negative, and the large namespace needs at least one object")
        }
    }

    func run() async throws {
        var logger = Logger(label: "migrate-bench")
        logger.logLevel = .warning
        let contexts = try Kubeconfig.load(paths: [kubeconfig])
        let source = try KubeClient(configuration: try Self.unlimited(contexts, "source"), logger: logger)
        let destination: KubeClient
        do {
            destination = try KubeClient(configuration: try Self.unlimited(contexts, "destination"), logger: logger)
        } catch {
            try? await source.shutdown()
            throw error
        }
        do {
            try await measureAll(source: source, destination: destination)
        } catch {
            try? await source.shutdown()
            try? await destination.shutdown()
            throw error
        }
        try await source.shutdown()
        try await destination.shutdown()
    }

    private static func unlimited(_ kubeconfig: Kubeconfig, _ context: String) throws -> ClientConfiguration {
        var configuration = try ClientConfiguration(kubeconfig: kubeconfig, context: context)
        configuration.queriesPerSecond = 0
        return configuration
    }

    private func measureAll(source: KubeClient, destination: KubeClient) async throws {
        let driver = FerryDriver(ferry: BenchProcess(executable: ferry), kubeconfig: kubeconfig)
        var report = BenchReport()
        let idle = try ProcessMemory(pid: controllerPID)
        report.add("controller memory, idle (RSS)", value: idle.residentMiB, unit: "MiB")
        let small = try await measureSmallCutovers(driver, source: source, destination: destination, &report)
        let bulk = try await measureBulkCutovers(driver, source: source, destination: destination, &report)
        let end = try ProcessMemory(pid: controllerPID)
        report.add("controller memory after the runs (RSS)", value: end.residentMiB, unit: "MiB")
        report.add("controller peak memory over the whole run (VmHWM)", value: end.peakMiB, unit: "MiB")
        print(report.markdown())
        print()
        print("Phases of the last small cutover, as a watch on its MigMigration saw them:")
        print()
        print(small.timeline.markdown(end: small.seconds))
        print()
        print("Phases of the last \(configMaps + secrets)-object cutover:")
        print()
        print(bulk.timeline.markdown(end: bulk.seconds))
    }

    /// (a) A namespace of 20 objects, a fresh namespace and plan each run; only the cutover
    /// command is timed.
    private func measureSmallCutovers(
        _ driver: FerryDriver, source: KubeClient, destination: KubeClient, _ report: inout BenchReport
    ) async throws -> (seconds: Double, timeline: PhaseTimeline) {
        var times: [Double] = []
        var last = PhaseTimeline()
        let stamp = Self.stamp()
        for run in 1...runs {
            let namespace = "bench-small-\(stamp)-\(run)"
            try await BenchCluster.recreateNamespace(namespace, source)
            let objects = BenchObjects.smallApplication(namespace: namespace)
            try await BenchCluster.create(objects, source, concurrency: concurrency)
            try await driver.createPlan(namespace, namespace: namespace)
            let (migration, timeline) = try await PhaseTimeline.record(plan: namespace, destination) { try await driver.cutover(namespace) }
            last = timeline
            let migrated = try await BenchCluster.count(BenchCluster.smallKinds, set: "small", namespace: namespace, destination)
            try BenchCheck.count(migrated, expected: objects.count, what: "namespace \(namespace) on the destination after cutover \(migration.name)")
            times.append(migration.seconds)
        }
        let sorted = times.sorted()
        let name = "cutover of \(BenchObjects.smallApplication(namespace: "x").count) objects, `\(driver.cutoverCommand("PLAN"))`"
        report.add("\(name), min of \(runs)", value: sorted.first ?? 0, unit: "s")
        report.add("\(name), median of \(runs)", value: Stopwatch.median(sorted), unit: "s")
        report.add("\(name), max of \(runs)", value: sorted.last ?? 0, unit: "s")
        return (times.last ?? 0, last)
    }

    /// A suffix that keeps this run's namespaces and plans apart from an earlier run's.
    static func stamp() -> String {
        String(Int(Date().timeIntervalSince1970) % 100_000)
    }
}
