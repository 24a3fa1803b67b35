import FerryCLI
import KubeClient
import Testing

@Suite("Host cluster errors")
struct HostClusterTests {
    @Test("an unreachable host is reported with its URL and the client's error", .timeLimit(.minutes(1)))
    func unreachableHostNamesURL() async throws {
        // Port 1 on loopback refuses connections.
        let configuration = ClientConfiguration(
            server: "https://127.0.0.1:1", credentials: .bearerToken("t"), queriesPerSecond: 0, maxAttempts: 1,
            connectTimeout: .seconds(2), origin: "kubeconfig test, context \"host\"")
        let client = try KubeClient(configuration: configuration, logger: quietLogger)
        let host = HostCluster(client: client, namespace: "openshift-migration")
        let error = await #expect(throws: FerryCLIError.self) { try await host.checkMigrationAPI() }
        try await client.shutdown()
        #expect(error?.code == "host-unreachable")
        #expect(error?.message.contains("https://127.0.0.1:1") == true)
        #expect(error?.message.contains("context \"host\"") == true)
    }
}
