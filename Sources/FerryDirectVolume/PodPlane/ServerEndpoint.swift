import FerryTransfer

/// A destination namespace's transfer server once it can take clients: where it is reached and
/// the credentials of the tunnel.
struct ServerEndpoint: Sendable, Hashable {
    /// The destination namespace.
    var namespace: String
    /// The host name or address clients connect to.
    var host: String
    /// The port clients connect to (443 through a Route or Ingress, 2222 on a Service).
    var port: Int
    /// The TLS material of the namespace's tunnel.
    var credentials: TransferCredentials
    /// The rsync password.
    var password: String

    /// `host:port`, bracketing an IPv6 address.
    var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// What the client checks the server certificate against.
    var identity: StunnelConfiguration.PeerIdentity {
        Self.isAddress(host) ? .ipAddress(host) : .host(host)
    }

    /// Whether `host` is an IPv4 or IPv6 address rather than a name.
    static func isAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && UInt8($0) != nil }
    }
}
