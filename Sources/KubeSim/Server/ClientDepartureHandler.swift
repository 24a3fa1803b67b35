import NIOCore

/// Closes a connection once the client has closed its side.
///
/// The HTTP server keeps connections open for half-closure, so a client that ends a TLS
/// session (close_notify) during a watch would otherwise keep receiving events until the next
/// write failed, and would wait for the server's own close_notify. Over TLS a client cannot
/// half-close and still read, so its departure ends the connection, as kube-apiserver does.
final class ClientDepartureHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
