import KubeCore
import Logging
import Testing
@testable import KubeClient

@Suite("list-watch")
struct ListWatchTests {
    private let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")

    private static func list(_ version: String, _ items: [(String, String, String)]) -> String {
        let objects = items.map { name, uid, rv in #"{"metadata":{"name":"\#(name)","namespace":"ns","uid":"\#(uid)","resourceVersion":"\#(rv)"}}"# }
        return #"{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"\#(version)"},"items":[\#(objects.joined(separator: ","))]}"#
    }

    private static func event(_ type: String, _ name: String, uid: String, rv: String) -> String {
        #"{"type":"\#(type)","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","namespace":"ns","uid":"\#(uid)","resourceVersion":"\#(rv)"}}}"# + "\n"
    }

    @Test("after a 410 ERROR event the collection is listed again and the difference is emitted")
    func relistAfterGone() async throws {
        let gone = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","code":410,"reason":"Expired","message":"too old resource version"}}"# + "\n"
        let server = try await FaultInjectingServer.start(script: [
            .respond(status: 200, body: Self.list("10", [("a", "ua", "5"), ("b", "ub", "6")])),
            .stream(chunks: [Self.event("ADDED", "c", uid: "uc", rv: "11"), #"{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"15"}}}"# + "\n", gone]),
            .respond(status: 200, body: Self.list("30", [("a", "ua", "25"), ("c", "uc", "11"), ("d", "ud", "28")])),
            .stream(chunks: [Self.event("DELETED", "d", uid: "ud", rv: "31")]),
        ], fallback: .closeWithoutResponse)
        let client = try KubeClient(
            configuration: ClientConfiguration(server: server.url, queriesPerSecond: 0),
            logger: Logger(label: "test"), retryPolicy: RetryPolicy(maxAttempts: 1), sleep: { _ in })
        do {
            var seen: [String] = []
            var iterator = client.listWatch(pods, namespace: "ns").makeAsyncIterator()
            while seen.count < 8, let event = try await iterator.next() {
                seen.append("\(event.type.rawValue) \(event.type == .bookmark ? event.object.resourceVersion ?? "" : event.object.name)")
            }
            #expect(seen[0..<2].sorted() == ["ADDED a", "ADDED b"])
            #expect(seen[2...3] == ["ADDED c", "BOOKMARK 15"])
            #expect(seen[4...6].sorted() == ["ADDED d", "DELETED b", "MODIFIED a"])
            #expect(seen[7] == "DELETED d")
            #expect(iterator.listCount == 2)
            #expect(iterator.lastResourceVersion == "31")
            let uris = server.requests.map(\.uri)
            #expect(uris[1].contains("resourceVersion=10") && uris[1].contains("allowWatchBookmarks=true"))
            #expect(!uris[2].contains("watch=true"))
            #expect(uris[3].contains("resourceVersion=30"))
        } catch {
            try await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    @Test("an HTTP 410 at watch start also re-lists")
    func httpGone() async throws {
        let server = try await FaultInjectingServer.start(script: [
            .respond(status: 200, body: Self.list("10", [("a", "ua", "5")])),
            .respond(status: 410, body: #"{"kind":"Status","apiVersion":"v1","code":410,"reason":"Gone","message":"gone"}"#),
            .respond(status: 200, body: Self.list("20", [])),
            .stream(chunks: [Self.event("ADDED", "z", uid: "uz", rv: "21")]),
        ], fallback: .closeWithoutResponse)
        let client = try KubeClient(
            configuration: ClientConfiguration(server: server.url, queriesPerSecond: 0),
            logger: Logger(label: "test"), retryPolicy: RetryPolicy(maxAttempts: 1), sleep: { _ in })
        do {
            var seen: [String] = []
            for try await event in client.listWatch(pods, namespace: "ns") {
                seen.append("\(event.type.rawValue) \(event.object.name)")
                if seen.count == 3 { break }
            }
            #expect(seen == ["ADDED a", "DELETED a", "ADDED z"])
        } catch {
            try await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }
}
