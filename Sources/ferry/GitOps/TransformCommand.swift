import ArgumentParser
import FerryEngine
import Foundation

/// `ferry transform`: cleans exported objects for the destination and writes them, with a
/// patch per object and the list of dropped objects, for review.
struct TransformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Clean exported objects for the destination cluster.",
        discussion: "Writes OUT/resources (the objects to create), OUT/patches (an RFC 6902 JSON patch per object) and OUT/dropped.txt (what is not created, and why)."
    )

    @Argument(help: "The directory written by `ferry export`.")
    var directory: String

    @Option(name: [.customShort("o"), .customLong("output")], help: "The directory to write into.")
    var output: String

    @Option(name: .customLong("namespace-mapping"), help: "Move namespace src to dest, as src:dest (repeat for several).")
    var namespaceMappings: [String] = []

    @Option(name: .customLong("plan-uid"), help: "The plan uid labelled on every object (default: a new uid, printed).")
    var planUID: String?

    @Option(name: .customLong("migration-uid"), help: "The migration uid labelled on every object (default: a new uid, printed).")
    var migrationUID: String?

    @Flag(help: "Keep the kubectl last-applied-configuration annotation.")
    var keepAnnotations = false

    @Flag(help: "Keep Services' node ports.")
    var preserveNodePorts = false

    func validate() throws {
        _ = try namespaceMapping()
    }

    /// Source namespace → destination namespace, from `--namespace-mapping`.
    func namespaceMapping() throws -> [String: String] {
        var mapping: [String: String] = [:]
        for entry in namespaceMappings {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--namespace-mapping \(entry): write it as source:destination, such as shop:shop-copy")
            }
            guard mapping[parts[0]] == nil else { throw ValidationError("--namespace-mapping: namespace \(parts[0]) is mapped twice") }
            mapping[parts[0]] = parts[1]
        }
        return mapping
    }

    func run() async throws {
        let mapping = try namespaceMapping()
        let plan = planUID ?? UUID().uuidString.lowercased()
        let migration = migrationUID ?? UUID().uuidString.lowercased()
        let context = MigrationTransformContext(
            planUID: plan, migrationUID: migration, namespaceMapping: mapping,
            keepAnnotations: keepAnnotations, preserveNodePorts: preserveNodePorts)
        let summary = try TreeTransform().run(source: ObjectTree(root: directory), output: ObjectTree(root: output), context: context)
        print("""
            \(summary.resources.count) objects to create in \(output)/resources, \(summary.dropped.count) dropped (see \(output)/dropped.txt).
            Plan uid \(plan), migration uid \(migration): `ferry apply` labels objects with them; delete by the plan label to undo.
            """)
    }
}
