/// One end of the authenticated TLS tunnel that carries rsync between clusters, rendered
/// as an stunnel configuration file.
///
/// The server end requires a client certificate issued by the migration's CA and forwards
/// to the rsync daemon on loopback; the client end accepts rsync on loopback and verifies
/// the server's certificate chain and name against the same CA.
public struct StunnelConfiguration: Sendable, Hashable {
    /// Which end of the tunnel this is.
    public enum Role: String, Sendable, Hashable {
        /// The destination end: TLS in, plain TCP to rsync out.
        case server
        /// The source end: plain TCP from rsync in, TLS out.
        case client
    }

    /// How the client checks the server's identity beyond the chain.
    public enum PeerIdentity: Sendable, Hashable {
        /// The server certificate must carry this DNS name.
        case host(String)
        /// The server certificate must carry this IP address.
        case ipAddress(String)
    }

    /// The service section's name (also used in stunnel's log lines).
    public var serviceName: String
    /// Which end this is.
    public var role: Role
    /// Where stunnel listens (`port` or `host:port`).
    public var accept: String
    /// Where stunnel connects (`host:port`).
    public var connect: String
    /// The CA file both ends trust.
    public var caFile: String
    /// This end's certificate.
    public var certificateFile: String
    /// This end's private key.
    public var keyFile: String
    /// How the client checks the server (ignored for the server).
    public var peerIdentity: PeerIdentity?
    /// A CONNECT proxy between the client and the server (client only).
    public var proxy: TunnelProxy?
    /// The pid file stunnel writes.
    public var pidFile: String
    /// stunnel's log level (0 emergencies … 7 debug).
    public var debugLevel: Int

    /// Configures the destination end: accept TLS on `accept`, forward to the rsync daemon at `connect`.
    public static func server(
        serviceName: String = "rsync", accept: String, connect: String,
        caFile: String, certificateFile: String, keyFile: String, pidFile: String, debugLevel: Int = 5
    ) -> StunnelConfiguration {
        StunnelConfiguration(
            serviceName: serviceName, role: .server, accept: accept, connect: connect, caFile: caFile,
            certificateFile: certificateFile, keyFile: keyFile, peerIdentity: nil, proxy: nil,
            pidFile: pidFile, debugLevel: debugLevel)
    }

    /// Configures the source end: accept rsync on `accept`, open TLS to the server at `connect`
    /// (through `proxy` when given) and check it is `peerIdentity`.
    public static func client(
        serviceName: String = "rsync", accept: String, connect: String, peerIdentity: PeerIdentity,
        caFile: String, certificateFile: String, keyFile: String, pidFile: String,
        proxy: TunnelProxy? = nil, debugLevel: Int = 5
    ) -> StunnelConfiguration {
        StunnelConfiguration(
            serviceName: serviceName, role: .client, accept: accept, connect: connect, caFile: caFile,
            certificateFile: certificateFile, keyFile: keyFile, peerIdentity: peerIdentity, proxy: proxy,
            pidFile: pidFile, debugLevel: debugLevel)
    }

    /// The configuration file's text.
    public func rendered() -> String {
        var global = [
            "foreground = yes",
            "pid = \(pidFile)",
            "debug = \(debugLevel)",
            "syslog = no",
        ]
        if role == .client { global.append("client = yes") }
        var service = [
            "[\(serviceName)]",
            "accept = \(accept)",
            "connect = \(proxy?.address ?? connect)",
            "cert = \(certificateFile)",
            "key = \(keyFile)",
            "CAfile = \(caFile)",
            // verifyChain checks the peer's chain up to the migration's CA; with requireCert a
            // peer without a certificate is refused (what `verifyPeer` adds is pinning, not needed).
            "verifyChain = yes",
            "requireCert = yes",
            "sslVersionMin = TLSv1.2",
            "options = NO_RENEGOTIATION",
            // rsync's protocol turns on small messages at the start and the end of a run; with
            // Nagle's algorithm each such turn waited for a delayed ACK (40 ms on Linux).
            "socket = l:TCP_NODELAY=1",
            "socket = r:TCP_NODELAY=1",
        ]
        switch peerIdentity {
        case .host(let name) where role == .client: service.append("checkHost = \(name)")
        case .ipAddress(let address) where role == .client: service.append("checkIP = \(address)")
        default: break
        }
        if role == .client, let proxy {
            service.append("protocol = connect")
            service.append("protocolHost = \(connect)")
            if let username = proxy.username {
                service.append("protocolAuthentication = basic")
                service.append("protocolUsername = \(username)")
                service.append("protocolPassword = \(proxy.password ?? "")")
            }
        }
        return (global + [""] + service).joined(separator: "\n") + "\n"
    }
}
