/// Runs the `ferry` command line against the sandbox, the way a user would.
struct FerryDriver {
    var ferry: BenchProcess
    var kubeconfig: String
    var hostContext = "destination"
    var sourceContext = "source"

    /// What one timed migration command did.
    struct Migration {
        var name: String
        var seconds: Double
    }

    /// `ferry plan create PLAN --wait` migrating `namespace` to the same name.
    func createPlan(_ plan: String, namespace: String) async throws {
        try await ferry.run([
            "plan", "create", plan, "--kubeconfig", kubeconfig, "--context", hostContext,
            "--source", sourceContext, "--destination", hostContext, "--migrate-namespace", namespace, "--wait",
        ])
    }

    /// `ferry migrate cutover PLAN --wait`, timed from start to exit.
    func cutover(_ plan: String) async throws -> Migration {
        var output = ""
        let seconds = try await Stopwatch.time {
            output = try await ferry.run(["migrate", "cutover", plan, "--kubeconfig", kubeconfig, "--context", hostContext, "--wait"])
        }
        return Migration(name: Self.migrationName(in: output) ?? "", seconds: seconds)
    }

    /// The command line of a cutover, for the report.
    func cutoverCommand(_ plan: String) -> String {
        "ferry migrate cutover \(plan) --context \(hostContext) --wait"
    }

    /// The MigMigration's name from `migmigration/NAME created (…)`.
    private static func migrationName(in output: String) -> String? {
        for line in output.split(separator: "\n") where line.hasPrefix("migmigration/") {
            return line.dropFirst("migmigration/".count).split(separator: " ").first.map(String.init)
        }
        return nil
    }
}
