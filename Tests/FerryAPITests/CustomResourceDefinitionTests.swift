import FerryAPI
import KubeClient
import KubeCore
import KubeSim
import Logging
import Testing

@Suite("Migration CRDs on a cluster")
struct CustomResourceDefinitionTests {
    let logger = Logger(label: "ferry-api-tests", factory: { _ in SwiftLogNoOpLogHandler() })
    static let definitions = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")

    @Test("every kind is served once its CRD is created, and status is a subresource", .timeLimit(.minutes(1)))
    func definitionsServeEveryKind() async throws {
        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "host"), logger: logger) { cluster in
            let client = try KubeClient(
                configuration: ClientConfiguration(
                    server: cluster.url,
                    tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: "host"),
                    credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0),
                logger: logger)
            do {
                for definition in MigrationCustomResourceDefinitions.all {
                    _ = try await client.create(Self.definitions, definition)
                }
                let mapper = try await client.resourceMapper(refresh: true)
                for type in MigrationResourceType.all {
                    let info = try #require(mapper.resolve(type.plural), "\(type.plural) is not served")
                    #expect(info.kind == type.kind)
                    #expect(info.namespaced)
                    #expect(mapper.resolve(type.shortNames[0])?.kind == type.kind)
                }
                _ = try await client.create(
                    GroupVersionResource(group: "", version: "v1", resource: "namespaces"),
                    KubeObject(apiVersion: "v1", kind: "Namespace", name: MigrationAPI.defaultNamespace))
                var spec = MigPlan.Spec()
                spec.namespaces = ["shop"]
                let created = try MigPlan(object: try await client.create(MigPlan(name: "plan", spec: spec).encoded()))
                var plan = created
                plan.status.conditions = [MigrationCondition(type: "Ready", message: "The migration plan is ready.")]
                plan.spec.closed = true
                _ = try await client.updateStatus(plan.encoded())
                let stored = try MigPlan(object: try await client.get(
                    apiVersion: MigrationAPI.apiVersion, kind: "MigPlan", name: "plan", namespace: MigrationAPI.defaultNamespace))
                #expect(stored.status.conditions?.first?.type == "Ready")
                #expect(stored.spec.closed == nil, "a status update must not change the spec")
                #expect(stored.spec.namespaces == ["shop"])
            } catch {
                try await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }
}
