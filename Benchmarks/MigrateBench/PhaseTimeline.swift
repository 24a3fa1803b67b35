import KubeClient
import KubeCore

/// When a plan's MigMigration entered each phase, seen through a watch while the cutover
/// runs: millisecond resolution, where the status timestamps have whole seconds.
struct PhaseTimeline {
    struct Entry {
        var phase: String
        /// Seconds from the start of the timed command.
        var entered: Double
    }

    var entries: [Entry] = []

    static let resource = GroupVersionResource(group: "migration.openshift.io", version: "v1alpha1", resource: "migmigrations")

    /// Runs `command` (timed from its start) while recording the phases of `plan`'s migration.
    static func record<Result: Sendable>(
        plan: String, namespace: String = "openshift-migration", _ client: KubeClient, during command: @Sendable @escaping () async throws -> Result
    ) async throws -> (Result, PhaseTimeline) {
        let start = try await client.list(resource, namespace: namespace)
        let began = ContinuousClock.now
        return try await withThrowingTaskGroup(of: Outcome<Result>.self) { group in
            group.addTask {
                var timeline = PhaseTimeline()
                do {
                    let events = client.watch(resource, namespace: namespace, options: ListOptions(resourceVersion: start.resourceVersion))
                    for try await event in events where event.type == .added || event.type == .modified {
                        guard event.object[path: "spec", "migPlanRef", "name"]?.stringValue == plan,
                              let phase = event.object[path: "status", "phase"]?.stringValue,
                              timeline.entries.last?.phase != phase else { continue }
                        timeline.entries.append(Entry(phase: phase, entered: Stopwatch.seconds(began.duration(to: .now))))
                        if phase == "Completed" { break }
                    }
                } catch where Task.isCancelled {
                    // Stopped after the command ended: what was seen is the timeline.
                }
                return .timeline(timeline)
            }
            group.addTask { .result(try await command()) }
            var result: Result?
            var timeline: PhaseTimeline?
            while let outcome = try await group.next() {
                switch outcome {
                case .result(let value):
                    result = value
                    // The watch may trail the command by an event; give it a moment.
                    group.addTask {
                        try? await Task.sleep(for: .seconds(1))
                        return .deadline
                    }
                case .timeline(let value):
                    timeline = value
                case .deadline:
                    group.cancelAll()
                }
                if result != nil, timeline != nil { break }
            }
            group.cancelAll()
            guard let result else { throw BenchCheck.Mismatch(description: "the timed command of plan \(plan) returned nothing") }
            return (result, timeline ?? PhaseTimeline())
        }
    }

    private enum Outcome<Value: Sendable>: Sendable {
        case result(Value)
        case timeline(PhaseTimeline)
        case deadline
    }

    /// A Markdown table: each phase, when it began and how long it lasted.
    func markdown(end: Double) -> String {
        var lines = ["| phase | entered at (s) | lasted (ms) |", "| --- | ---: | ---: |"]
        for (index, entry) in entries.enumerated() {
            let next = index + 1 < entries.count ? entries[index + 1].entered : end
            lines.append("| \(entry.phase) | \(String(format: "%.3f", entry.entered)) | \(String(format: "%.0f", (next - entry.entered) * 1000)) |")
        }
        lines.append("| (command exits) | \(String(format: "%.3f", end)) | |")
        return lines.joined(separator: "\n")
    }
}
