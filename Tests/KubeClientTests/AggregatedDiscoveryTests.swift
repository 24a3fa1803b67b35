import KubeCore
import Logging
import Testing
@testable import KubeClient

@Suite("aggregated discovery")
struct AggregatedDiscoveryTests {
    @Test("APIGroupDiscoveryList answers build the mapper in two requests")
    func aggregated() async throws {
        let core = #"""
            {"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","items":[{"metadata":{"name":""},"versions":[{"version":"v1","resources":[
              {"resource":"pods","responseKind":{"group":"","version":"v1","kind":"Pod"},"scope":"Namespaced","singularResource":"pod","verbs":["get","list","watch"],"shortNames":["po"],"categories":["all"],"subresources":[{"subresource":"status","verbs":["get"]},{"subresource":"log","verbs":["get"]}]}]}]}]}
            """#
        let groups = #"""
            {"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","items":[{"metadata":{"name":"example.com"},"versions":[
              {"version":"v2","resources":[{"resource":"widgets","responseKind":{"group":"example.com","version":"v2","kind":"Widget"},"scope":"Cluster","singularResource":"widget","verbs":["get"]}]},
              {"version":"v1","resources":[{"resource":"widgets","responseKind":{"group":"example.com","version":"v1","kind":"Widget"},"scope":"Cluster","singularResource":"widget","verbs":["get"]}]}]}]}
            """#
        let server = try await FaultInjectingServer.start(script: [.respond(status: 200, body: core), .respond(status: 200, body: groups)])
        let client = try KubeClient(configuration: ClientConfiguration(server: server.url, queriesPerSecond: 0), logger: Logger(label: "test"))
        let mapper = try? await client.resourceMapper()
        try await client.shutdown()
        await server.stop()
        let pods = mapper?.resolve("po")
        #expect(pods?.namespaced == true)
        #expect(pods?.subresources == ["status", "log"])
        #expect(pods?.categories == ["all"])
        #expect(mapper?.resolve("widgets")?.version == "v2")
        #expect(mapper?.resolve("widgets")?.namespaced == false)
        #expect(mapper?.resources.count == 3)
        #expect(server.requests.count == 2)
        #expect(server.requests.first?.headers.contains { $0.0 == "Accept" && $0.1.hasPrefix("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList") } == true)
    }
}
