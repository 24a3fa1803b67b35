import ArgumentParser
import FerryCLI

/// `ferry install`: the Migration API's CRDs, the controller's RBAC and Deployment.
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Print (or apply) the CRDs, RBAC and Deployment of the Ferry controller.",
        discussion: "Without --apply the manifests are printed as YAML, for `kubectl apply -f -` or a GitOps repository.")

    @OptionGroup var host: HostOptions

    @Flag(help: "Apply to the host cluster (server-side apply, field manager \"ferry\") and wait until the CRDs are established.")
    var apply = false

    @Option(help: "The controller's container image.")
    var image: String = InstallManifests.defaultImage

    func run() async throws {
        let manifests = InstallManifests(namespace: host.namespace, image: image)
        guard apply else {
            Terminal.write(YAMLRenderer.render(documents: manifests.objects))
            return
        }
        try await host.withHost { cluster, _, context in
            Terminal.write("Installing Ferry on \(cluster.client.configuration.server) (context \(context)), namespace \(host.namespace)\n")
            try await Installer(client: cluster.client).install(manifests) { Terminal.write("  \($0)\n") }
            Terminal.write("Ferry is installed. Create a plan with `ferry plan create`.\n")
        }
    }
}
