import Foundation
import KubeClient
import KubeCore

/// The pipeline steps a MigMigration recorded, with how long each took: where a cutover's
/// time went, as `ferry status` shows it.
struct MigrationSteps {
    struct Step {
        var name: String
        var seconds: Double?
        var message: String
    }

    var steps: [Step]

    static func load(_ migration: String, namespace: String = "openshift-migration", _ client: KubeClient) async throws -> MigrationSteps {
        let object = try await client.get(apiVersion: "migration.openshift.io/v1alpha1", kind: "MigMigration", name: migration, namespace: namespace)
        let formatter = ISO8601DateFormatter()
        let pipeline = object.json[path: ["status", "pipeline"]]?.arrayValue ?? []
        return MigrationSteps(steps: pipeline.map { step in
            let started = step["started"]?.stringValue.flatMap(formatter.date(from:))
            let completed = step["completed"]?.stringValue.flatMap(formatter.date(from:))
            var seconds: Double?
            if let started, let completed { seconds = completed.timeIntervalSince(started) }
            return Step(name: step["name"]?.stringValue ?? "?", seconds: seconds, message: step["message"]?.stringValue ?? "")
        })
    }

    /// A Markdown table of the steps (the status records whole seconds).
    func markdown() -> String {
        var lines = ["| step | seconds (whole-second timestamps) | message |", "| --- | ---: | --- |"]
        for step in steps {
            let seconds = step.seconds.map { String(format: "%.0f", $0) } ?? "skipped"
            lines.append("| \(step.name) | \(seconds) | \(step.message.replacingOccurrences(of: "|", with: "/")) |")
        }
        return lines.joined(separator: "\n")
    }
}
