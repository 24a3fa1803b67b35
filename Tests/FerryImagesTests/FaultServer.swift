import FerryImages
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A minimal read-only registry serving one repository from memory, which misbehaves on
/// purpose: 500s before answering, a connection reset in the middle of a blob, corrupted
/// blob bytes, and bearer-token auth, while counting what was asked of it.
final class FaultServer: Sendable {
    /// How a blob misbehaves.
    enum BlobFault: Sendable {
        /// Answers 500 this many times before serving it.
        case serverErrors(Int)
        /// Sends half of it and closes the connection this many times before serving it whole.
        case resets(Int)
        /// Always serves it with one byte changed (same length).
        case corrupted
    }

    struct State: Sendable {
        var manifestServerErrors = 0
        var blobFaults: [String: BlobFault] = [:]
        var manifestRequests = 0
        var blobRequests: [String: Int] = [:]
        var tokenRequests = 0
        var tokenScopes: [String] = []
        var unauthorizedRequests = 0
    }

    let repository: String
    let manifests: [String: Manifest]
    let blobs: [String: [UInt8]]
    let requiresBearerToken: Bool
    let state = Mutex(State())

    /// Serves `manifests` by digest and `tag`, and `blobs`, in `repository`.
    init(repository: String, tag: String, top: Manifest, manifests: [Manifest], blobs: [TestImages.Blob], requiresBearerToken: Bool = false) {
        self.repository = repository
        var byReference = Dictionary(uniqueKeysWithValues: (manifests + [top]).map { ($0.digest, $0) })
        byReference[tag] = top
        self.manifests = byReference
        self.blobs = Dictionary(blobs.map { ($0.descriptor.digest, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        self.requiresBearerToken = requiresBearerToken
    }

    /// Runs `body` with the server listening on a loopback port (`127.0.0.1:PORT` is passed).
    func withRunning<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router(), configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "fault-server", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let result = await Result { try await body("127.0.0.1:\(port)") }
            group.cancelAll()
            try? await group.waitForAll()
            return try result.get()
        }
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/token") { request, _ -> Response in
            let scopes = request.uri.queryParameters.getAll("scope").map { String($0) }
            self.state.withLock {
                $0.tokenRequests += 1
                $0.tokenScopes += scopes
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(#"{"token":"fault-token","expires_in":300}"#.utf8))))
        }
        router.get("/v2/") { request, context -> Response in
            if let challenge = self.challenge(request, context, scope: nil) { return challenge }
            return Response(status: .ok)
        }
        router.get("/v2/:repository/manifests/:reference") { request, context -> Response in
            if let challenge = self.challenge(request, context, scope: "repository:\(self.repository):pull") { return challenge }
            let failing = self.state.withLock { state -> Bool in
                state.manifestRequests += 1
                guard state.manifestServerErrors > 0 else { return false }
                state.manifestServerErrors -= 1
                return true
            }
            if failing { return Response(status: .internalServerError) }
            guard context.parameters.get("repository") == self.repository, let manifest = self.manifests[context.parameters.get("reference") ?? ""] else {
                return Self.notFound("MANIFEST_UNKNOWN")
            }
            return Response(
                status: .ok, headers: [.contentType: manifest.mediaType, .init("Docker-Content-Digest")!: manifest.digest],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: manifest.bytes)))
        }
        router.get("/v2/:repository/blobs/:digest") { request, context -> Response in
            if let challenge = self.challenge(request, context, scope: "repository:\(self.repository):pull") { return challenge }
            let digest = context.parameters.get("digest") ?? ""
            guard context.parameters.get("repository") == self.repository, var bytes = self.blobs[digest] else { return Self.notFound("BLOB_UNKNOWN") }
            let fault = self.state.withLock { state -> BlobFault? in
                state.blobRequests[digest, default: 0] += 1
                let fault = state.blobFaults[digest]
                switch fault {
                case .serverErrors(let count) where count > 0: state.blobFaults[digest] = .serverErrors(count - 1)
                case .resets(let count) where count > 0: state.blobFaults[digest] = .resets(count - 1)
                case .serverErrors, .resets: return nil
                case .corrupted, nil: break
                }
                return fault
            }
            switch fault {
            case .serverErrors?:
                return Response(status: .internalServerError)
            case .resets?:
                let half = ByteBuffer(bytes: bytes.prefix(bytes.count / 2))
                return Response(status: .ok, body: ResponseBody(contentLength: bytes.count) { writer in
                    try await writer.write(half)
                    throw FaultInjected()
                })
            case .corrupted?:
                bytes[bytes.count / 2] ^= 0xFF
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            case nil:
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        return router
    }

    /// A 401 bearer challenge for a request without the token, when tokens are required.
    private func challenge(_ request: Request, _ context: BasicRequestContext, scope: String?) -> Response? {
        guard requiresBearerToken, request.headers[.authorization] != "Bearer fault-token" else { return nil }
        state.withLock { $0.unauthorizedRequests += 1 }
        let host = request.head.authority ?? ""
        var header = #"Bearer realm="http://\#(host)/token",service="fault-registry""#
        if let scope { header += #",scope="\#(scope)""# }
        return Response(status: .unauthorized, headers: [.wwwAuthenticate: header])
    }

    private static func notFound(_ code: String) -> Response {
        Response(status: .notFound, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(#"{"errors":[{"code":"\#(code)"}]}"#.utf8))))
    }
}

/// The fault server broke a connection on purpose.
struct FaultInjected: Error {}
