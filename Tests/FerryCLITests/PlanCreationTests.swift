import FerryAPI
import FerryCLI
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Testing

@Suite("Plan creation from kubeconfig contexts")
struct PlanCreationTests {
    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")

    @Test("a plan between a remote source and the host creates both MigClusters, the token Secret and the plan, twice the same", .timeLimit(.minutes(1)))
    func createsClustersSecretAndPlanIdempotently() async throws {
        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "source"), logger: quietLogger) { source in
            try await withHostCluster { destination, client in
                try await installMigrationAPI(client)
                let contexts = KubeconfigContexts(kubeconfig: try Kubeconfig(
                    parsing: kubeconfigText([("source", source), ("destination", destination)], current: "destination"), file: "test"))
                let creator = PlanCreator(host: HostCluster(client: client, namespace: MigrationAPI.defaultNamespace), contexts: contexts, hostContext: "destination")
                let request = PlanRequest(
                    name: "shop", sourceContext: "source", destinationContext: "destination", namespaces: ["shop", "db:db-new"],
                    includedResources: ["Deployment.apps", "ConfigMap"], selector: "app=shop,tier!=cache")

                let first = try await creator.create(request)
                #expect(first.clusters.map(\.name) == ["source", "destination"])
                #expect(first.secrets == ["openshift-config/source-token"])

                let remote = try MigCluster(object: try await client.get(MigCluster.resourceType.resource, name: "source", namespace: "openshift-migration"))
                #expect(remote.spec.isHostCluster == false)
                #expect(remote.spec.url == source.url)
                #expect(remote.spec.caBundle == Data(source.caCertificatePEM.utf8).base64EncodedString())
                #expect(remote.spec.serviceAccountSecretRef == MigrationObjectReference(name: "source-token", namespace: "openshift-config"))
                let hostCluster = try MigCluster(object: try await client.get(MigCluster.resourceType.resource, name: "destination", namespace: "openshift-migration"))
                #expect(hostCluster.spec.isHostCluster == true)
                #expect(hostCluster.spec.url == nil)

                let secret = try await client.get(Self.secrets, name: "source-token", namespace: "openshift-config")
                let token = try #require(secret[path: "data", "saToken"]?.stringValue)
                #expect(Data(base64Encoded: token).flatMap { String(data: $0, encoding: .utf8) } == source.adminToken)

                let plan = try MigPlan(object: try await client.get(MigPlan.resourceType.resource, name: "shop", namespace: "openshift-migration"))
                #expect(plan.spec.srcMigClusterRef == MigrationObjectReference(name: "source", namespace: "openshift-migration"))
                #expect(plan.spec.destMigClusterRef == MigrationObjectReference(name: "destination", namespace: "openshift-migration"))
                #expect(plan.spec.namespaces == ["shop", "db:db-new"])
                #expect(plan.spec.includedResources == [
                    MigPlan.GroupKindReference(group: "apps", kind: "Deployment"), MigPlan.GroupKindReference(group: "", kind: "ConfigMap"),
                ])
                #expect(plan.spec.labelSelector == [
                    "matchLabels": ["app": "shop"],
                    "matchExpressions": [["key": "tier", "operator": "NotIn", "values": ["cache"]]],
                ])

                let second = try await creator.create(request)
                #expect(second.plan.uid == first.plan.uid)
                #expect(second.plan.spec == plan.spec)
                let plans = try await client.list(MigPlan.resourceType.resource, namespace: "openshift-migration")
                #expect(plans.items.count == 1)
                let clusters = try await client.list(MigCluster.resourceType.resource, namespace: "openshift-migration")
                #expect(clusters.items.count == 2)
            }
        }
    }

    @Test("an unknown context is named, with the contexts that exist", .timeLimit(.minutes(1)))
    func unknownContextIsNamed() async throws {
        try await withHostCluster { host, client in
            let contexts = KubeconfigContexts(kubeconfig: try Kubeconfig(parsing: kubeconfigText([("host", host)], current: "host"), file: "test"))
            let creator = PlanCreator(host: HostCluster(client: client, namespace: MigrationAPI.defaultNamespace), contexts: contexts, hostContext: "host")
            let request = PlanRequest(name: "shop", sourceContext: "prod", destinationContext: "host", namespaces: ["shop"])
            let error = try await #require(throws: FerryCLIError.self) { _ = try await creator.create(request) }
            #expect(error.code == "context-not-found")
            #expect(error.message.contains("\"prod\""))
            #expect(error.message.contains("available contexts: host"))
        }
    }

    @Test("a plan on a host without the Migration API says to install it", .timeLimit(.minutes(1)))
    func missingAPIPointsAtInstall() async throws {
        try await withHostCluster { host, client in
            let contexts = KubeconfigContexts(kubeconfig: try Kubeconfig(parsing: kubeconfigText([("host", host)], current: "host"), file: "test"))
            let creator = PlanCreator(host: HostCluster(client: client, namespace: MigrationAPI.defaultNamespace), contexts: contexts, hostContext: "host")
            let request = PlanRequest(name: "shop", sourceContext: "host", destinationContext: "host", namespaces: ["shop:shop-copy"])
            let error = try await #require(throws: FerryCLIError.self) { _ = try await creator.create(request) }
            #expect(error.code == "api-not-installed")
            #expect(error.message.contains("ferry install --apply"))
        }
    }
}
