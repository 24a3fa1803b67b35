import FerryAPI
import FerryController
import KubeClient
import KubeCore
import Testing

@Suite("ClusterConnector")
struct ClusterConnectorTests {
    @Test("the host cluster uses the controller's client; a remote client is reused until its Secret changes", .timeLimit(.minutes(1)))
    func cachesClients() async throws {
        try await MigrationWorld.with { world in
            let connector = ClusterConnector(hostClient: world.hostClient, logger: quietLogger)
            do {
                let host = try await connector.client(for: try await world.cluster("host"))
                #expect(host === world.hostClient)

                let first = try await connector.client(for: try await world.cluster("source"))
                #expect(first.configuration.server == world.source.url)
                #expect(first.configuration.tls.certificateAuthorityPEM != nil, "the CA comes from spec.caBundle")
                let again = try await connector.client(for: try await world.cluster("source"))
                #expect(first === again)
                _ = try await again.get(TestResources.namespaces, name: "default")
                var withStatus = try await world.cluster("source")
                withStatus.status.registryPath = "registry.example:5000"
                _ = try await world.hostClient.updateStatus(withStatus.encoded())
                #expect(try await connector.client(for: try await world.cluster("source")) === first, "a status write keeps the client")

                var secret = try await world.hostClient.get(TestResources.secrets, name: "source-token", namespace: MigrationWorld.namespace)
                secret.labels = ["rotated": "yes"]
                _ = try await world.hostClient.update(TestResources.secrets, secret, namespace: MigrationWorld.namespace)
                let replaced = try await connector.client(for: try await world.cluster("source"))
                #expect(replaced !== first)
                _ = try await replaced.get(TestResources.namespaces, name: "default")
                _ = try await first.get(TestResources.namespaces, name: "default")  // still usable by whoever holds it
            } catch {
                await connector.shutdown()
                throw error
            }
            await connector.shutdown()
        }
    }

    @Test("insecure: true skips verification instead of using a CA")
    func insecureCluster() async throws {
        try await MigrationWorld.with { world in
            var spec = world.sourceClusterSpec()
            spec.caBundle = nil
            spec.insecure = true
            let cluster = try await world.createCluster(spec, name: "insecure")
            let connector = ClusterConnector(hostClient: world.hostClient, logger: quietLogger)
            do {
                let client = try await connector.client(for: cluster)
                #expect(client.configuration.tls.insecureSkipVerify)
                try await connector.probe(client, clusterName: "insecure")
            } catch {
                await connector.shutdown()
                throw error
            }
            await connector.shutdown()
        }
    }
}
