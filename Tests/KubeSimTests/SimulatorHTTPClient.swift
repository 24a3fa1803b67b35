import AsyncHTTPClient
import Foundation
import KubeCore
import KubeSim
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// A small HTTPS client for talking to an in-process cluster in tests, trusting only the
/// cluster's CA and sending its admin token unless told otherwise.
struct SimulatorHTTPClient {
    /// A response: status code, content type and body.
    struct Reply {
        var code: Int
        var contentType: String
        var body: [UInt8]

        /// The body as JSON (`.null` when it is not JSON).
        var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
        /// The body as text.
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let cluster: KubeSimCluster
    let client: HTTPClient

    /// Runs `body` with a client for `cluster`, shutting the client down afterwards.
    static func with<T>(_ cluster: KubeSimCluster, _ body: (SimulatorHTTPClient) async throws -> T) async throws -> T {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(cluster.caCertificatePEM.utf8)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        do {
            let result = try await body(SimulatorHTTPClient(cluster: cluster, client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Sends one request and collects the whole reply.
    func send(
        _ method: HTTPMethod, _ path: String, json: JSONValue? = nil, body: String? = nil, bytes: [UInt8]? = nil, contentType: String = "application/json",
        accept: String? = nil, token: String? = nil, anonymous: Bool = false
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: cluster.url + path)
        request.method = method
        if !anonymous { request.headers.add(name: "Authorization", value: "Bearer \(token ?? cluster.adminToken)") }
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let json {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: json.serialized()))
        } else if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        } else if let bytes {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: bytes))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return Reply(
            code: Int(response.status.code), contentType: response.headers.first(name: "Content-Type") ?? "",
            body: Array(collected.readableBytesView))
    }

    /// Starts a streaming request (a watch) and returns the response to read from.
    func stream(_ path: String) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: cluster.url + path)
        request.headers.add(name: "Authorization", value: "Bearer \(cluster.adminToken)")
        return try await client.execute(request, timeout: .seconds(30))
    }
}

extension KubeSimCluster {
    /// Runs `body` against a fresh in-memory cluster on an ephemeral port.
    static func withTestCluster<T>(_ body: (KubeSimCluster, SimulatorHTTPClient) async throws -> T) async throws -> T {
        var logger = Logger(label: "kubesim-test")
        logger.logLevel = .warning
        return try await withRunning(Configuration(name: "test"), logger: logger) { cluster in
            try await SimulatorHTTPClient.with(cluster) { http in try await body(cluster, http) }
        }
    }
}
