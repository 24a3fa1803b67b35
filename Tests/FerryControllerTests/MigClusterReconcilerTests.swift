import FerryAPI
import FerryController
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("MigClusterReconciler")
struct MigClusterReconcilerTests {
    /// Reconciles `name` once and returns its stored conditions.
    static func reconcile(_ name: String, in world: MigrationWorld) async throws -> [MigrationCondition] {
        let connector = ClusterConnector(hostClient: world.hostClient, logger: quietLogger)
        let reconciler = MigClusterReconciler(client: world.hostClient, connector: connector, logger: quietLogger)
        let result: ReconcileResult
        do {
            result = try await reconciler.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: name))
        } catch {
            await connector.shutdown()
            throw error
        }
        await connector.shutdown()
        #expect(result == .requeue(after: .seconds(60)), "clusters are re-checked periodically")
        return try await world.cluster(name).status.conditions ?? []
    }

    @Test("the host cluster and a reachable remote cluster with a valid token and CA are Ready", .timeLimit(.minutes(1)))
    func readyClusters() async throws {
        try await MigrationWorld.with { world in
            var spec = world.sourceClusterSpec()
            spec.exposedRegistryPath = "registry.source.example:5000"
            spec.refresh = true
            var cluster = try await world.cluster("source")
            cluster.spec = spec
            _ = try await world.hostClient.update(cluster.encoded())
            for name in ["host", "source"] {
                let conditions = try await Self.reconcile(name, in: world)
                #expect(conditions.isTrue("Ready"), "\(name): \(conditions)")
                #expect(!conditions.hasCritical)
            }
            #expect(try await world.cluster("source").status.registryPath == nil, "registryPath is the in-cluster name, which this cluster has none of")
            #expect(try await world.cluster("source").spec.refresh == false, "a requested refresh is done")
            let version = try await world.cluster("source").object.resourceVersion
            _ = try await Self.reconcile("source", in: world)
            #expect(try await world.cluster("source").object.resourceVersion == version, "an unchanged cluster is not written again")
        }
    }

    @Test("each broken remote cluster gets a Critical condition naming the fix, and Ready False", .timeLimit(.minutes(1)))
    func brokenClusters() async throws {
        try await MigrationWorld.with { world in
            try await world.createSecret("empty", data: ["other": "x"])
            try await world.createSecret("bad-token", data: ["saToken": "not-a-token"])
            var noURL = world.sourceClusterSpec()
            noURL.url = nil
            var unreachable = world.sourceClusterSpec()
            unreachable.url = "https://127.0.0.1:1"
            let cases: [(name: String, spec: MigCluster.Spec, type: String, reason: String, mentions: String)] = [
                ("no-url", noURL, "InvalidURL", "NotSet", "spec.url"),
                ("no-secret", world.sourceClusterSpec(secret: "missing"), "InvalidSaSecretRef", "NotFound", "missing"),
                ("no-token", world.sourceClusterSpec(secret: "empty"), "InvalidSaToken", "NotFound", "saToken"),
                ("bad-token", world.sourceClusterSpec(secret: "bad-token"), "InvalidSaToken", "Unauthorized", "401"),
                ("wrong-ca", world.sourceClusterSpec(caPEM: world.host.caCertificatePEM), "TestConnectFailed", "TLSFailed", "caBundle"),
                ("unreachable", unreachable, "TestConnectFailed", "ConnectFailed", "127.0.0.1:1"),
            ]
            for broken in cases {
                try await world.createCluster(broken.spec, name: broken.name)
                let conditions = try await Self.reconcile(broken.name, in: world)
                let condition = try #require(conditions.first(type: broken.type), "\(broken.name): \(conditions)")
                #expect(condition.isTrue)
                #expect(condition.category == "Critical")
                #expect(condition.reason == broken.reason, "\(broken.name)")
                #expect(condition.message?.contains(broken.mentions) == true, "\(broken.name): \(condition.message ?? "")")
                #expect(conditions.first(type: "Ready")?.isTrue == false, "\(broken.name)")
            }
        }
    }

    @Test("a fixed cluster drops its failure condition and becomes Ready", .timeLimit(.minutes(1)))
    func recovers() async throws {
        try await MigrationWorld.with { world in
            try await world.createCluster(world.sourceClusterSpec(secret: "later"), name: "fixed")
            #expect(try await Self.reconcile("fixed", in: world).isTrue("InvalidSaSecretRef"))
            try await world.createSecret("later", data: ["saToken": world.source.adminToken])
            let conditions = try await Self.reconcile("fixed", in: world)
            #expect(conditions.isTrue("Ready"))
            #expect(conditions.first(type: "InvalidSaSecretRef") == nil)
        }
    }
}
