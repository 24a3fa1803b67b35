import Foundation

/// An HTTP CONNECT proxy the source's tunnel end goes through to reach the destination
/// (MTC's `STUNNEL_TCP_PROXY`, `http://user:pass@host:port`). The proxy only relays TCP; the
/// TLS session stays end to end between the two tunnel ends.
public struct TunnelProxy: Sendable, Hashable {
    /// The proxy's host name or address.
    public var host: String
    /// The proxy's port.
    public var port: Int
    /// The user name for the proxy's basic authentication, if it needs one.
    public var username: String?
    /// The password for the proxy's basic authentication.
    public var password: String?

    /// Creates a proxy description.
    public init(host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// Parses `http://[user[:password]@]host[:port]`; the port defaults to 80.
    public init(parsing text: String) throws {
        func invalid(_ why: String) -> TransferError {
            TransferError(code: .invalidSetting, message: "the tunnel proxy '\(text)' \(why); write it as http://user:password@host:port")
        }
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)) else {
            throw invalid("is not a URL")
        }
        guard components.scheme?.lowercased() == "http" else {
            throw invalid("must use the http scheme (a CONNECT proxy)")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("has no host") }
        if !components.path.isEmpty && components.path != "/" { throw invalid("must not have a path") }
        let port = components.port ?? 80
        guard (1...65535).contains(port) else { throw invalid("has port \(port) outside 1-65535") }
        if components.password != nil && (components.user ?? "").isEmpty {
            throw invalid("has a password but no user name")
        }
        self.init(
            host: host, port: port,
            username: components.user.flatMap { $0.isEmpty ? nil : $0 },
            password: components.password)
    }

    /// `host:port`, bracketing an IPv6 host.
    var address: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
