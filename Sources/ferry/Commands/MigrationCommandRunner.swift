import ArgumentParser
import FerryAPI
import FerryCLI

/// What the `ferry migrate` actions share: start or cancel, then follow and exit with the
/// outcome.
struct MigrationCommandRunner {
    var host: HostOptions
    var options: MigrateOptions

    func start(_ action: MigrationRequest.Action, plan: String) async throws {
        let request = MigrationRequest(
            plan: plan, action: action, quiescePods: !options.noQuiesce, keepAnnotations: options.keepAnnotations,
            verify: options.verify, name: options.name)
        let logger = CommandLogger.make()
        try await host.withHost(logger: logger) { cluster, _, _ in
            let migration = try await MigrationLauncher(host: cluster).start(request)
            Terminal.write("migmigration/\(migration.name) created (\(action.rawValue) of plan \(plan))\n")
            try await finish(migration, plan: plan, cluster: cluster, local: options.local ? LocalMigrationRunner(host: cluster, logger: logger) : nil)
        }
    }

    func cancel(plan: String) async throws {
        if options.local {
            throw ValidationError("--local runs a new migration; cancel a local run with Ctrl-C, or cancel a controller's migration without --local")
        }
        try await host.withHost { cluster, _, _ in
            let migration = try await MigrationLauncher(host: cluster).cancel(plan: plan)
            Terminal.write("migmigration/\(migration.name) canceling\n")
            try await finish(migration, plan: plan, cluster: cluster, local: nil)
        }
    }

    private func finish(_ migration: MigMigration, plan: String, cluster: HostCluster, local: LocalMigrationRunner?) async throws {
        guard options.wait || local != nil else {
            Terminal.write("Follow it with `ferry status \(plan) --watch`.\n")
            return
        }
        let final: MigMigration
        if let local {
            final = try await runLocally(migration.name, runner: local, progress: MigrationProgress(host: cluster))
        } else {
            final = try await MigrationProgress(host: cluster).follow(migration.name)
        }
        let outcome = MigrationOutcome(final) ?? .failed
        switch outcome {
        case .succeeded:
            Terminal.write("Migration \(final.name) succeeded.\n")
        case .failed:
            let errors = final.status.errors ?? []
            Terminal.writeError("Migration \(final.name) failed\(errors.isEmpty ? "." : ":")\n" + errors.map { "  \($0)\n" }.joined())
        case .canceled:
            Terminal.writeError("Migration \(final.name) was canceled.\n")
        }
        if outcome != .succeeded { throw ExitCode(outcome.exitCode) }
    }

    /// Runs the migration here while the watch shows its progress; the run's end decides.
    private func runLocally(_ name: String, runner: LocalMigrationRunner, progress: MigrationProgress) async throws -> MigMigration {
        try await withThrowingTaskGroup(of: MigMigration.self) { group in
            group.addTask { try await runner.run(name) }
            group.addTask { try await progress.follow(name) }
            defer { group.cancelAll() }
            // Both end with the same final version; the watch's shows the last change too.
            guard let first = try await group.next() else { throw CancellationError() }
            return (try? await group.next()) ?? first
        }
    }
}
