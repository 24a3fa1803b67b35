import NIOCore
import NIOPosix
import Synchronization

/// A registry that is down: every request on its loopback port is answered
/// `500 Internal Server Error` with a distribution-style error body, for tests of what a
/// failing registry does to a migration.
public final class FailingRegistry: Sendable {
    /// What the registry says in every answer.
    public static let message = "storage backend unavailable"

    /// `127.0.0.1:PORT`.
    public let host: String
    private let answered: Mutex<Int>

    private init(host: String) {
        self.host = host
        answered = Mutex(0)
    }

    /// How many requests it has answered.
    public var requestCount: Int { answered.withLock { $0 } }

    /// Runs `body` with the registry listening, then closes it.
    public static func withRunning<T: Sendable>(_ body: (FailingRegistry) async throws -> T) async throws -> T {
        let registry = Box()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(AnswerWith500(registry: registry)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let failing = FailingRegistry(host: "127.0.0.1:\(channel.localAddress?.port ?? 0)")
        registry.value.withLock { $0 = failing }
        let result: Result<T, any Error>
        do {
            result = .success(try await body(failing))
        } catch {
            result = .failure(error)
        }
        try await channel.close()
        return try result.get()
    }

    fileprivate func count() {
        answered.withLock { $0 += 1 }
    }

    /// The registry, set once it listens.
    fileprivate final class Box: Sendable {
        let value = Mutex<FailingRegistry?>(nil)
    }

    /// Answers each request, once its headers have arrived, and closes the connection.
    private final class AnswerWith500: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let registry: Box
        private var received = ""

        init(registry: Box) {
            self.registry = registry
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += String(buffer: unwrapInboundIn(data))
            guard received.contains("\r\n\r\n") else { return }
            received = ""
            registry.value.withLock { $0 }?.count()
            let body = #"{"errors":[{"code":"UNKNOWN","message":"\#(FailingRegistry.message)"}]}"#
            let response = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
