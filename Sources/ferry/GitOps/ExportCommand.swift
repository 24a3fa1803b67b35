import ArgumentParser
import FerryEngine
import KubeCore
import Logging

/// `ferry export`: writes a namespace's objects, and the cluster-scoped objects they need,
/// as one JSON file per object.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export namespaces' objects as one JSON file per object.",
        discussion: "Files are laid out as DIR/<namespace or _cluster>/<resource>.<group>/<name>.json. Events and the Migration Toolkit's other excluded resources are left out."
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "A namespace to export (repeat for several).")
    var namespaces: [String]

    @Option(name: [.customShort("o"), .customLong("output")], help: "The directory to write into.")
    var output: String

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Export only namespaced objects matching this label selector.")
    var selector: String?

    @Option(name: .customLong("include"), help: "Export only this kind, as Kind.group (Deployment.apps, ConfigMap); repeat for several.")
    var included: [String] = []

    func validate() throws {
        guard !namespaces.isEmpty else { throw ValidationError("give at least one namespace with -n") }
    }

    func run() async throws {
        var logger = Logger(label: "ferry.export")
        logger.logLevel = .warning
        let labelSelector = try selector.map { text in
            do {
                return try LabelSelector(parsing: text)
            } catch {
                throw ValidationError("--selector \(text): \(error)")
            }
        }
        let scope = CollectionScope(namespaces: namespaces, includedResources: included.map(GroupKind.init(parsing:)), labelSelector: labelSelector)
        let paths = try await cluster.client(logger: logger).closing { client in
            try await TreeExport(client: client, logger: logger).run(scope, into: ObjectTree(root: output))
        }
        let clusterScoped = paths.filter { $0.hasPrefix(ObjectTree.clusterDirectory + "/") }.count
        print("Exported \(paths.count) objects (\(paths.count - clusterScoped) namespaced, \(clusterScoped) cluster-scoped) to \(output)")
    }
}
