import ArgumentParser
import FerryConsole
import Foundation
import Logging
import ServiceLifecycle

/// `ferry console`: serves the web console and its JSON API over HTTPS for the host cluster.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Serve the web console over HTTPS (SIGTERM or SIGINT stops it).",
        discussion: """
            People sign in with their own Kubernetes bearer token (or a kubeconfig user with a token); \
            everything they do runs with their own rights on the host cluster. The kubeconfig's \
            credentials are not used: only the host cluster's URL and CA come from it.
            """)

    @OptionGroup var host: HostOptions

    @Option(help: "Address to listen on, HOST:PORT (port 0 picks a free one).")
    var listen: String = "127.0.0.1:9443"

    @Option(name: .customLong("tls-certificate"), help: "PEM certificate chain to serve (default: a self-signed certificate generated at start).")
    var certificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-certificate.")
    var key: String?

    @Option(help: "Log level (trace, debug, info, notice, warning, error).")
    var logLevel: String = "notice"

    func validate() throws {
        _ = try Self.address(listen)
        if (certificate == nil) != (key == nil) { throw ValidationError("give --tls-certificate and --tls-key together") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level \(logLevel) is not one of trace, debug, info, notice, warning, error") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .notice
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ferry.console")
        let (listenHost, port) = try Self.address(listen)
        let hostCluster = try host.contexts().configuration(context: host.context, namespace: host.namespace)
        let tls: ConsoleConfiguration.TLSSource = certificate.map { .files(certificateChain: $0, privateKey: key ?? "") } ?? .selfSigned
        let server = try ConsoleServer(
            configuration: ConsoleConfiguration(hostCluster: hostCluster, host: listenHost, port: port, tls: tls, migrationNamespace: host.namespace), logger: logger)
        let announcer = ConsoleAnnouncer(server: server, signInHint: "Sign in with a bearer token of \(hostCluster.server), e.g. from `kubectl create token`.")
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: server), .init(service: announcer)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            if server.port == nil {
                throw ValidationError("the console cannot listen on \(listen) (\(error)); choose another address with --listen")
            }
            throw error
        }
    }

    /// `HOST:PORT` (IPv6 hosts in brackets) split.
    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen \(text) is not HOST:PORT, such as 127.0.0.1:9443 or 0.0.0.0:9443")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen \(text) lacks the host, such as 127.0.0.1:9443") }
        return (host, port)
    }
}

/// Tells the user where the console serves, once it does.
struct ConsoleAnnouncer: Service {
    let server: ConsoleServer
    let signInHint: String

    func run() async throws {
        try await server.waitUntilServing()
        FileHandle.standardOutput.write(Data("Console: \(server.url)\n\(signInHint)\n".utf8))
        try? await gracefulShutdown()
    }
}
