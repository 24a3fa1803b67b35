import ArgumentParser
import FerryAPI
import FerryCLI
import KubeClient
import KubeCore

/// `ferry plan create`: MigClusters for two kubeconfig contexts and a MigPlan between them.
struct PlanCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create (or update) a plan and the MigClusters of its source and destination contexts.",
        discussion: """
            A context on the host cluster becomes a MigCluster with isHostCluster: true; any other becomes a \
            remote MigCluster with its URL, CA bundle and a Secret <cluster>-token in openshift-config holding \
            the context's bearer token. Running the command again updates what changed.
            """)

    @OptionGroup var host: HostOptions

    @Argument(help: "The plan's name.")
    var name: String

    @Option(help: "Kubeconfig context of the source cluster.")
    var source: String

    @Option(help: "Kubeconfig context of the destination cluster.")
    var destination: String

    @Option(name: [.customShort("n"), .customLong("migrate-namespace")], help: "A namespace to migrate, SOURCE or SOURCE:DESTINATION (repeatable).")
    var namespaces: [String] = []

    @Option(name: .customLong("host"), help: "Kubeconfig context of the host cluster (default: --context, else the current context).")
    var hostContext: String?

    @Option(name: .customLong("include"), help: "Migrate only this kind, KIND or KIND.group (repeatable), such as Deployment.apps.")
    var included: [String] = []

    @Option(help: "Migrate only namespaced objects with these labels, such as app=shop,tier!=cache.")
    var selector: String?

    @Option(help: "Action for every persistent volume: copy, move or skip (waits for the controller to list the volumes).")
    var pvAction: String?

    @Flag(help: "Wait until the controller marks the plan Ready; print its critical conditions and exit 1 if it cannot be.")
    var wait = false

    @Option(help: "Seconds to wait for the controller's verdict.")
    var timeout: Int = 300

    func run() async throws {
        var hostOptions = host
        if let hostContext { hostOptions.context = hostContext }
        let request = PlanRequest(
            name: name, namespace: host.namespace, sourceContext: source, destinationContext: destination, namespaces: namespaces,
            includedResources: included, selector: selector, persistentVolumeAction: pvAction)
        try await hostOptions.withHost { cluster, contexts, hostContext in
            let creator = PlanCreator(host: cluster, contexts: contexts, hostContext: hostContext)
            let result = try await creator.create(request)
            for secret in result.secrets { Terminal.write("secret/\(secret) applied\n") }
            for migCluster in result.clusters {
                Terminal.write("migcluster/\(migCluster.name) applied (\(migCluster.spec.isHostCluster == true ? "host" : migCluster.spec.url ?? "remote"))\n")
            }
            Terminal.write("migplan/\(result.plan.name) applied\n")
            guard wait || pvAction != nil else { return }
            Terminal.write("Waiting for the controller to validate plan \(name)…\n")
            let readiness = PlanReadiness(host: cluster)
            var plan: MigPlan
            do {
                plan = try await readiness.wait(for: name, timeout: .seconds(timeout))
            } catch let error as FerryCLIError where error.code == "plan-critical" {
                Terminal.writeError("\(error.message)\n")
                throw ExitCode.failure
            }
            if let pvAction {
                plan = try await applyVolumeAction(pvAction, plan: plan, host: cluster)
            }
            Terminal.write("Plan \(plan.name) is ready: \((plan.spec.persistentVolumes ?? []).count) persistent volume(s).\n")
        }
    }

    /// Selects `action` for every volume; retried when the controller wrote the plan meanwhile.
    private func applyVolumeAction(_ action: String, plan: MigPlan, host cluster: HostCluster) async throws -> MigPlan {
        var current = plan
        for _ in 0..<5 {
            let updated = try PlanVolumeActions.apply(action, to: current)
            if updated.spec == current.spec { return current }
            do {
                let stored = try MigPlan(object: try await cluster.client.update(MigPlan.resourceType.resource, updated.encoded(), namespace: cluster.namespace))
                Terminal.write("persistent volumes of \(stored.name): action \(action)\n")
                return stored
            } catch let error as KubeAPIError where error.isConflict {
                current = try await cluster.plan(plan.name)
            }
        }
        throw FerryCLIError(code: "plan-conflict", message: "plan \(plan.name) kept changing while its volume actions were set; run the command again")
    }
}
