import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A plain-HTTP server on loopback that answers each request with the next scripted fault
/// or response, and records what it was asked.
final class FaultInjectingServer: Sendable {
    enum Reply: Sendable {
        /// A complete response.
        case respond(status: Int, headers: [(String, String)] = [], body: String = "")
        /// Response head promising more body than is sent, then the connection closes.
        case closeMidResponse
        /// The connection closes without any response.
        case closeWithoutResponse
        /// A chunked response whose chunks are sent one by one, then the response ends.
        case stream(chunks: [String])
    }

    struct Recorded: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: String
    }

    private let state = Mutex<(script: [Reply], fallback: Reply, requests: [Recorded])>(([], .respond(status: 500), []))
    private let channel: any Channel
    let port: Int

    var url: String { "http://127.0.0.1:\(port)" }

    private init(channel: any Channel) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    /// Starts a server that plays `script` in order, then `fallback` forever.
    static func start(script: [Reply], fallback: Reply = .respond(status: 500, body: "script exhausted")) async throws -> FaultInjectingServer {
        let holder = Mutex<FaultInjectingServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptHandler(server: { holder.withLock { $0 } }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = FaultInjectingServer(channel: channel)
        server.state.withLock { $0 = (script, fallback, []) }
        holder.withLock { $0 = server }
        return server
    }

    func stop() async {
        try? await channel.close()
    }

    var requests: [Recorded] { state.withLock { $0.requests } }

    fileprivate func nextReply(recording request: Recorded) -> Reply {
        state.withLock { state in
            state.requests.append(request)
            return state.script.isEmpty ? state.fallback : state.script.removeFirst()
        }
    }
}

private final class ScriptHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: () -> FaultInjectingServer?
    private var head: HTTPRequestHead?
    private var body = ""

    init(server: @escaping () -> FaultInjectingServer?) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = ""
        case .body(var buffer):
            body += buffer.readString(length: buffer.readableBytes) ?? ""
        case .end:
            guard let head, let server = server() else { return }
            let reply = server.nextReply(recording: .init(method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body))
            respond(reply, context: context)
        }
    }

    private func respond(_ reply: FaultInjectingServer.Reply, context: ChannelHandlerContext) {
        switch reply {
        case .respond(let status, let extraHeaders, let text):
            var headers = HTTPHeaders(extraHeaders)
            headers.replaceOrAdd(name: "Content-Length", value: String(text.utf8.count))
            if !headers.contains(name: "Content-Type") { headers.add(name: "Content-Type", value: "application/json") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .closeMidResponse:
            let headers = HTTPHeaders([("Content-Length", "1000"), ("Content-Type", "application/json")])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "{\"kind\":")))), promise: nil)
            context.close(promise: nil)
        case .closeWithoutResponse:
            context.close(promise: nil)
        case .stream(let chunks):
            let headers = HTTPHeaders([("Transfer-Encoding", "chunked"), ("Content-Type", "application/json")])
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            for chunk in chunks {
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: chunk)))), promise: nil)
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
