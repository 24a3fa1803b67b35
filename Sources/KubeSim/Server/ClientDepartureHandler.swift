import NIOCore
import Synchronization

/// Closes a connection once the client has closed its side, and refuses connections that
/// arrive while the server shuts down.
///
/// The HTTP server keeps connections open for half-closure, so a client that ends a TLS
/// session (close_notify) during a watch would otherwise keep receiving events until the next
/// write failed, and would wait for the server's own close_notify. Over TLS a client cannot
/// half-close and still read, so its departure ends the connection, as kube-apiserver does.
///
/// A connection accepted while the listener closes may never be handed to the server's
/// connection loop; if it still became active, NIO's async channel would find its writer
/// dropped unfinished and trap. Such a connection is closed before it becomes active, which
/// leaves the writer to be finished when the handlers are removed.
final class ClientDepartureHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    private let shutdown: ServerShutdownSignal

    init(shutdown: ServerShutdownSignal) {
        self.shutdown = shutdown
    }

    func channelActive(context: ChannelHandlerContext) {
        if shutdown.isShuttingDown {
            context.close(promise: nil)
            return
        }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Set once when the server starts shutting down or is cancelled; read by every connection's handlers.
final class ServerShutdownSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Whether shutdown has begun.
    var isShuttingDown: Bool { flag.load(ordering: .acquiring) }

    /// Marks the start of shutdown.
    func begin() { flag.store(true, ordering: .releasing) }
}
