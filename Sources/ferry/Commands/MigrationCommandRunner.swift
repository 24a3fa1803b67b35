import ArgumentParser
import FerryAPI
import FerryCLI
import KubeClient
import UnixSignals

/// What the `ferry migrate` actions share: start or cancel, then follow and exit with the
/// outcome.
struct MigrationCommandRunner {
    var host: HostOptions
    var options: MigrateOptions

    func start(_ action: MigrationRequest.Action, plan: String) async throws {
        var request = MigrationRequest(
            plan: plan, action: action, quiescePods: !options.noQuiesce, keepAnnotations: options.keepAnnotations,
            verify: options.verify, name: options.name)
        request.migratesState = options.state
        let logger = CommandLogger.make()
        try await host.withHost(logger: logger) { cluster, _, _ in
            let migration = try await MigrationLauncher(host: cluster).start(request)
            Terminal.write("migmigration/\(migration.name) created (\(action.rawValue) of plan \(plan))\n")
            try await finish(migration, plan: plan, cluster: cluster, local: options.local ? LocalMigrationRunner(host: cluster, directVolume: try options.volumes.settings(), logger: logger) : nil)
        }
    }

    func cancel(plan: String) async throws {
        let logger = CommandLogger.make()
        try await host.withHost(logger: logger) { cluster, _, _ in
            let migration = try await MigrationLauncher(host: cluster).cancel(plan: plan)
            Terminal.write("migmigration/\(migration.name) canceling\n")
            try await finish(migration, plan: plan, cluster: cluster, local: options.local ? LocalMigrationRunner(host: cluster, directVolume: try options.volumes.settings(), logger: logger) : nil)
        }
    }

    /// Follows the plan's unfinished migration to its end; with `--local`, runs it here (after
    /// an interrupted local run).
    func resume(plan: String) async throws {
        let logger = CommandLogger.make()
        try await host.withHost(logger: logger) { cluster, _, _ in
            let migration = try await MigrationLauncher(host: cluster).running(plan: plan)
            Terminal.write("migmigration/\(migration.name) resuming at \(migration.status.phase ?? "its start")\n")
            var options = options
            options.wait = true
            try await MigrationCommandRunner(host: host, options: options)
                .finish(migration, plan: plan, cluster: cluster, local: options.local ? LocalMigrationRunner(host: cluster, directVolume: try options.volumes.settings(), logger: logger) : nil)
        }
    }

    fileprivate func finish(_ migration: MigMigration, plan: String, cluster: HostCluster, local: LocalMigrationRunner?) async throws {
        guard options.wait || local != nil else {
            Terminal.write("Follow it with `ferry status \(plan) --watch`.\n")
            return
        }
        let final: MigMigration
        if let local {
            final = try await runLocally(migration.name, plan: plan, runner: local, cluster: cluster)
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
    ///
    /// The first Ctrl-C (or SIGTERM) cancels the migration, which stops at a safe point and
    /// gives the source its workloads back; a second one stops this process at once and leaves
    /// the migration to `ferry migrate resume|cancel PLAN --local`.
    private func runLocally(_ name: String, plan: String, runner: LocalMigrationRunner, cluster: HostCluster) async throws -> MigMigration {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let progress = MigrationProgress(host: cluster)
        do {
            return try await withThrowingTaskGroup(of: MigMigration?.self) { group in
                group.addTask { try await runner.run(name) }
                group.addTask { try await progress.follow(name) }
                group.addTask {
                    var interrupts = 0
                    for await _ in signals {
                        interrupts += 1
                        if interrupts > 1 { throw LocalRunInterrupted() }
                        Terminal.writeError("\nCanceling migration \(name): it stops at the next safe point and gives the source its workloads back (Ctrl-C again to stop at once).\n")
                        _ = try await cluster.client.patch(
                            MigMigration.resourceType.resource, name: name, namespace: cluster.namespace,
                            patch: .merge(["spec": ["canceled": true]]))
                    }
                    return nil
                }
                defer { group.cancelAll() }
                // The run and the watch end with the same final version; the watch's shows the last change too.
                while let next = try await group.next() {
                    guard let first = next else { continue }
                    let second = try? await group.next()
                    return (second ?? nil) ?? first
                }
                throw CancellationError()
            }
        } catch is LocalRunInterrupted {
            Terminal.writeError("""
                Stopped. Migration \(name) is unfinished; nothing runs it now. Go on with `ferry migrate resume \(plan) --local`, \
                or undo it with `ferry migrate cancel \(plan) --local`.

                """)
            throw ExitCode(130)
        }
    }
}

/// A second interrupt of a local run.
private struct LocalRunInterrupted: Error {}
