import KubeCore
import Logging
import Testing
@testable import KubeClient

@Suite("paging")
struct PagingTests {
    private let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")

    private static func page(_ names: [String], continueToken: String?) -> String {
        let items = names.map { #"{"metadata":{"name":"\#($0)"}}"# }.joined(separator: ",")
        let token = continueToken.map { #","continue":"\#($0)""# } ?? ""
        return #"{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"9"\#(token)},"items":[\#(items)]}"#
    }

    @Test("listAll follows continue tokens and falls back to one full list when a token expires")
    func expiredContinue() async throws {
        let server = try await FaultInjectingServer.start(script: [
            .respond(status: 200, body: Self.page(["a", "b"], continueToken: "t1")),
            .respond(status: 200, body: Self.page(["c", "d"], continueToken: "t2")),
            .respond(status: 410, body: #"{"kind":"Status","apiVersion":"v1","code":410,"reason":"Expired","message":"continue token expired"}"#),
            .respond(status: 200, body: Self.page(["a", "b", "c", "d", "e"], continueToken: nil)),
        ])
        let client = try KubeClient(configuration: ClientConfiguration(server: server.url, queriesPerSecond: 0), logger: Logger(label: "test"))
        let list = try? await client.listAll(pods, namespace: "ns", options: ListOptions(limit: 2))
        try await client.shutdown()
        await server.stop()
        #expect(list?.items.map(\.name) == ["a", "b", "c", "d", "e"])
        let uris = server.requests.map(\.uri)
        #expect(uris.count == 4)
        #expect(uris[1].contains("continue=t1") && uris[2].contains("continue=t2"))
        #expect(!uris[3].contains("limit=") && !uris[3].contains("continue="))
    }
}
