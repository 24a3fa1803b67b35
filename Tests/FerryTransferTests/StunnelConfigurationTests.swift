import FerryTransfer
import Testing

@Suite("Stunnel configuration")
struct StunnelConfigurationTests {
    private func lines(_ configuration: StunnelConfiguration) -> Set<String> {
        Set(configuration.rendered().split(separator: "\n").map(String.init))
    }

    @Test("the server requires a client certificate from the migration's CA over TLS 1.2 or newer")
    func serverRequiresClientCertificate() {
        let server = lines(.server(
            accept: "0.0.0.0:6443", connect: "127.0.0.1:8873", caFile: "/c/ca.crt",
            certificateFile: "/c/server.crt", keyFile: "/c/server.key", pidFile: "/run/s.pid"))
        for expected in ["foreground = yes", "pid = /run/s.pid", "accept = 0.0.0.0:6443", "connect = 127.0.0.1:8873",
                         "CAfile = /c/ca.crt", "verifyChain = yes", "requireCert = yes", "sslVersionMin = TLSv1.2",
                         "cert = /c/server.crt", "key = /c/server.key", "socket = l:TCP_NODELAY=1", "socket = r:TCP_NODELAY=1"] {
            #expect(server.contains(expected), "missing \(expected)")
        }
        #expect(!server.contains("client = yes"))
        #expect(!server.contains { $0.hasPrefix("checkHost") || $0.hasPrefix("protocol") })
    }

    @Test("the client verifies the server's chain and host name")
    func clientChecksServerIdentity() {
        let client = lines(.client(
            accept: "127.0.0.1:2222", connect: "rsync.example.com:443", peerIdentity: .host("rsync.example.com"),
            caFile: "/c/ca.crt", certificateFile: "/c/client.crt", keyFile: "/c/client.key", pidFile: "/run/c.pid"))
        for expected in ["client = yes", "verifyChain = yes", "checkHost = rsync.example.com",
                         "connect = rsync.example.com:443", "cert = /c/client.crt", "sslVersionMin = TLSv1.2",
                         "socket = l:TCP_NODELAY=1", "socket = r:TCP_NODELAY=1"] {
            #expect(client.contains(expected), "missing \(expected)")
        }
        let byAddress = lines(.client(
            accept: "2222", connect: "10.1.2.3:443", peerIdentity: .ipAddress("10.1.2.3"),
            caFile: "ca", certificateFile: "crt", keyFile: "key", pidFile: "pid"))
        #expect(byAddress.contains("checkIP = 10.1.2.3"))
    }

    @Test("through a CONNECT proxy the client connects to the proxy and asks it for the server")
    func clientGoesThroughProxy() throws {
        let proxy = try TunnelProxy(parsing: "http://alice:s3cret@proxy.corp:3128")
        let client = lines(.client(
            accept: "127.0.0.1:2222", connect: "rsync.example.com:443", peerIdentity: .host("rsync.example.com"),
            caFile: "ca", certificateFile: "crt", keyFile: "key", pidFile: "pid", proxy: proxy))
        for expected in ["connect = proxy.corp:3128", "protocol = connect", "protocolHost = rsync.example.com:443",
                         "protocolUsername = alice", "protocolPassword = s3cret", "checkHost = rsync.example.com"] {
            #expect(client.contains(expected), "missing \(expected)")
        }
    }
}

@Suite("Tunnel proxy")
struct TunnelProxyTests {
    @Test("a proxy URL yields host, port and credentials; the port defaults to 80")
    func parsesProxyURL() throws {
        #expect(try TunnelProxy(parsing: "http://u:p@h.example:8080") == TunnelProxy(host: "h.example", port: 8080, username: "u", password: "p"))
        #expect(try TunnelProxy(parsing: "http://h.example") == TunnelProxy(host: "h.example", port: 80))
    }

    @Test("a proxy that is not an http URL with a host is refused, naming the value")
    func refusesBadProxy() throws {
        for text in ["https://h:1", "h.example:3128", "http://", "http://h:99999", "http://h:1/path"] {
            let error = try #require(throws: TransferError.self, "accepted \(text)") { try TunnelProxy(parsing: text) }
            #expect(error.message.contains(text))
        }
    }
}
