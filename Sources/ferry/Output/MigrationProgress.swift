import FerryAPI
import FerryCLI
import KubeCore
import Synchronization

/// Shows a migration until it ends: redrawn in place with a spinner on a terminal, one plain
/// line per change otherwise, or every version as JSON or YAML.
struct MigrationProgress {
    var host: HostCluster
    var format: OutputFormat = .text
    var live: Bool = Terminal.isInteractive

    /// Follows migration `name` and returns its final version.
    func follow(_ name: String) async throws -> MigMigration {
        let follower = MigrationFollower(host: host)
        switch format {
        case .json, .yaml:
            return try await follower.follow(name) { migration in
                if format == .json {
                    Terminal.write(migration.object.json.serializedString() + "\n")
                } else {
                    Terminal.write("---\n" + YAMLRenderer.render(migration.object.json))
                }
            }
        case .text where !live:
            var previous: MigMigration?
            return try await follower.follow(name) { migration in
                Terminal.write(lines: MigrationChangeLog.lines(from: previous, to: migration, now: Self.now()))
                previous = migration
            }
        case .text:
            return try await followLive(name, follower: follower)
        }
    }

    private func followLive(_ name: String, follower: MigrationFollower) async throws -> MigMigration {
        let renderer = LiveRenderer()
        let final = try await withThrowingTaskGroup(of: MigMigration?.self) { group in
            group.addTask {
                try await follower.follow(name) { renderer.update($0) }
            }
            group.addTask {
                while !Task.isCancelled {
                    renderer.redraw()
                    try? await Task.sleep(for: .milliseconds(120))
                }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let migration = result { return migration }
            }
            throw FerryCLIError(code: "watch-ended", message: "the watch of migration \(name) ended")
        }
        renderer.update(final)
        renderer.redraw()
        return final
    }

    static func now() -> Int64 {
        KubeTime.parse(KubeTime.now()) ?? 0
    }
}

/// The live view's state, shared by the watch (which stores each version) and the ticker
/// (which redraws with the next spinner frame).
private final class LiveRenderer: Sendable {
    private struct State {
        var migration: MigMigration?
        var frame = LiveFrame()
        var tick = 0
    }

    private let state = Mutex(State())

    func update(_ migration: MigMigration) {
        state.withLock { $0.migration = migration }
    }

    func redraw() {
        let output: String? = state.withLock { state in
            guard let migration = state.migration else { return nil }
            state.tick += 1
            let spinner = LiveFrame.spinner[state.tick % LiveFrame.spinner.count]
            return state.frame.render(MigrationStatusView(migration: migration, now: MigrationProgress.now()).lines(spinner: spinner), width: Terminal.columns)
        }
        if let output { Terminal.write(output) }
    }
}
