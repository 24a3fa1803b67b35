import KubeCore
import Logging
import Synchronization
import Testing
@testable import KubeClient

@Suite("transport against a fault-injecting server")
struct TransportFaultTests {
    private let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    private let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","resourceVersion":"5"}}"#

    /// Runs `body` with a client whose sleeps are recorded instead of slept, then shuts the
    /// client and the server down whatever happened.
    private func withClient(_ server: FaultInjectingServer, maxAttempts: Int = 4, credentials: ClientConfiguration.Credentials = .bearerToken("tok"), _ body: (KubeClient, SleepRecorder) async throws -> Void) async throws {
        let (client, slept) = try client(server, maxAttempts: maxAttempts, credentials: credentials)
        do {
            try await body(client, slept)
        } catch {
            try await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    /// A client whose sleeps are recorded instead of slept.
    private func client(_ server: FaultInjectingServer, maxAttempts: Int = 4, credentials: ClientConfiguration.Credentials = .bearerToken("tok")) throws -> (KubeClient, SleepRecorder) {
        let slept = SleepRecorder()
        let configuration = ClientConfiguration(server: server.url, credentials: credentials, queriesPerSecond: 0, maxAttempts: maxAttempts)
        let client = try KubeClient(
            configuration: configuration, logger: Logger(label: "test"),
            retryPolicy: RetryPolicy(maxAttempts: maxAttempts, initialDelay: .milliseconds(10), maxDelay: .seconds(60)),
            sleep: { duration in slept.record(duration) })
        return (client, slept)
    }

    @Test("429 with Retry-After is waited out and retried, even for POST")
    func tooManyRequests() async throws {
        let server = try await FaultInjectingServer.start(script: [
            .respond(status: 429, headers: [("Retry-After", "3")], body: #"{"kind":"Status","code":429,"reason":"TooManyRequests","message":"slow down"}"#),
            .respond(status: 201, body: pod),
        ])
        try await withClient(server) { client, slept in
            let created = try await client.create(pods, KubeObject(apiVersion: "v1", kind: "Pod", name: "p", namespace: "ns"))
            #expect(created.name == "p")
            #expect(slept.durations == [.seconds(3)])
            #expect(server.requests.map(\.method) == ["POST", "POST"])
            #expect(server.requests.first?.headers.contains { $0.0 == "Authorization" && $0.1 == "Bearer tok" } == true)
        }
    }

    @Test("503 is retried with growing backoff for GET, and the last Status surfaces when attempts run out")
    func serviceUnavailable() async throws {
        let unavailable = FaultInjectingServer.Reply.respond(status: 503, body: #"{"kind":"Status","code":503,"reason":"ServiceUnavailable","message":"etcd is sad"}"#)
        let server = try await FaultInjectingServer.start(script: [unavailable, unavailable, unavailable, unavailable])
        try await withClient(server, maxAttempts: 4) { client, slept in
            await #expect(throws: KubeAPIError(code: 503, reason: "ServiceUnavailable", message: "etcd is sad")) {
                _ = try await client.get(pods, name: "p", namespace: "ns")
            }
            #expect(server.requests.count == 4)
            #expect(slept.durations == [.milliseconds(10), .milliseconds(20), .milliseconds(40)])
        }
    }

    @Test("POST is not retried after a 503: the server may have acted on it")
    func postNotRetriedOn503() async throws {
        let server = try await FaultInjectingServer.start(script: [.respond(status: 503, body: "busy"), .respond(status: 201, body: pod)])
        try await withClient(server) { client, _ in
            await #expect(throws: KubeAPIError.self) {
                _ = try await client.create(pods, KubeObject(apiVersion: "v1", kind: "Pod", name: "p", namespace: "ns"))
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test("a connection closed mid-response is retried for GET")
    func droppedConnection() async throws {
        let server = try await FaultInjectingServer.start(script: [.closeMidResponse, .closeWithoutResponse, .respond(status: 200, body: pod)])
        try await withClient(server) { client, slept in
            let fetched = try await client.get(pods, name: "p", namespace: "ns")
            #expect(fetched.resourceVersion == "5")
            #expect(server.requests.count == 3)
            #expect(slept.durations.count == 2)
        }
    }

    @Test("a server that is not listening gives a transport error naming it")
    func connectionRefused() async throws {
        let server = try await FaultInjectingServer.start(script: [])
        let url = server.url
        await server.stop()
        let configuration = ClientConfiguration(server: url, queriesPerSecond: 0, maxAttempts: 2, connectTimeout: .milliseconds(500))
        let client = try KubeClient(configuration: configuration, logger: Logger(label: "test"), retryPolicy: RetryPolicy(maxAttempts: 2), sleep: { _ in })
        await #expect {
            _ = try await client.get(pods, name: "p", namespace: "ns")
        } throws: { error in
            guard let error = error as? KubeClientError else { return false }
            return error.code == .transport && error.message.contains(url)
        }
        try await client.shutdown()
    }

    @Test("a rotated token file is used from the next request on")
    func tokenFileRotation() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tokenFile = try directory.write("token", "old-token\n")
        let server = try await FaultInjectingServer.start(script: [], fallback: .respond(status: 200, body: pod))
        try await withClient(server, credentials: .tokenFile(tokenFile)) { client, _ in
            _ = try await client.get(pods, name: "p", namespace: "ns")
            try directory.write("token", "rotated-token-value\n")
            _ = try await client.get(pods, name: "p", namespace: "ns")
            let tokens = server.requests.compactMap { request in request.headers.first { $0.0 == "Authorization" }?.1 }
            #expect(tokens == ["Bearer old-token", "Bearer rotated-token-value"])
        }
    }

    @Test("a 401 is retried once with refreshed credentials; a second 401 surfaces as KubeAPIError")
    func unauthorizedRetriedOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tokenFile = try directory.write("token", "t")
        let unauthorized = FaultInjectingServer.Reply.respond(status: 401, body: #"{"kind":"Status","code":401,"reason":"Unauthorized","message":"Unauthorized"}"#)
        let server = try await FaultInjectingServer.start(script: [unauthorized, unauthorized, .respond(status: 200, body: pod)])
        try await withClient(server, credentials: .tokenFile(tokenFile)) { client, _ in
            await #expect(throws: KubeAPIError.unauthorized()) {
                _ = try await client.get(pods, name: "p", namespace: "ns")
            }
            #expect(server.requests.count == 2)
        }
    }

    @Test("a watch is read event by event from a chunked stream")
    func watchStream() async throws {
        let server = try await FaultInjectingServer.start(script: [
            .stream(chunks: [
                #"{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"1"}}}"# + "\n{\"type\":\"MOD",
                #"IFIED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"2"}}}"# + "\n",
                #"{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"7"}}}"# + "\n",
            ]),
        ])
        try await withClient(server) { client, _ in
            var events: [WatchEvent] = []
            for try await event in client.watch(pods, namespace: "ns", options: ListOptions(resourceVersion: "0", allowWatchBookmarks: true)) {
                events.append(event)
            }
            #expect(events.map(\.type) == [.added, .modified, .bookmark])
            #expect(events.map { $0.object.resourceVersion } == ["1", "2", "7"])
            let uri = server.requests.first?.uri ?? ""
            #expect(uri.contains("watch=true") && uri.contains("resourceVersion=0") && uri.contains("allowWatchBookmarks=true"))
        }
    }
}

/// Records the waits a client asked for instead of waiting.
final class SleepRecorder: Sendable {
    private let recorded = Mutex<[Duration]>([])

    func record(_ duration: Duration) { recorded.withLock { $0.append(duration) } }

    var durations: [Duration] { recorded.withLock { $0 } }
}

@Suite("proxy")
struct ProxyTests {
    @Test("proxy-url tunnels requests through the proxy with CONNECT")
    func httpProxy() async throws {
        // A refusing proxy keeps the test short; the CONNECT it saw shows the client used it.
        let proxy = try await FaultInjectingServer.start(script: [], fallback: .respond(status: 407, body: "proxy says no"))
        let configuration = ClientConfiguration(server: "https://cluster.invalid:6443", queriesPerSecond: 0, maxAttempts: 1, proxyURL: proxy.url)
        let client = try KubeClient(configuration: configuration, logger: Logger(label: "test"))
        await #expect {
            _ = try await client.getRaw(path: "/version")
        } throws: { error in
            guard let error = error as? KubeClientError else { return false }
            return error.code == .transport && error.message.contains("https://cluster.invalid:6443/version")
        }
        try await client.shutdown()
        await proxy.stop()
        #expect(proxy.requests.first?.method == "CONNECT")
        #expect(proxy.requests.first?.uri == "cluster.invalid:6443")
    }
}
