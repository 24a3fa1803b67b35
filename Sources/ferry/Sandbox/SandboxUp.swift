import ArgumentParser
import FerryConsole
import Foundation
import KubeClient
import KubeSim
import Logging
import ServiceLifecycle

/// `ferry sandbox up`: runs the source and destination clusters in the foreground.
struct SandboxUp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the sandbox clusters (source and destination) and write a kubeconfig for them."
    )

    @Option(name: .customLong("state-dir"), help: "Directory for the clusters' objects, certificates, tokens and kubeconfig.")
    var stateDirectory: String

    @Option(help: "Port of the source cluster's API server.")
    var sourcePort: Int = 6443

    @Option(help: "Port of the destination cluster's API server.")
    var destinationPort: Int = 6444

    @Option(help: "Port of the web console, served for the destination (host) cluster; 0 picks a free one.")
    var consolePort: Int = 9443

    @Flag(help: "Do not start the web console.")
    var noConsole = false

    @Option(help: "Log level (trace, debug, info, notice, warning, error).")
    var logLevel: String = "notice"

    func run() async throws {
        try await run(with: { _ in [] })
    }

    /// Runs the sandbox with further services beside the clusters (the demo's seeding, say);
    /// `services` gets the clusters before they serve.
    func run(with services: ([KubeSimCluster]) -> [ServiceGroupConfiguration.ServiceConfiguration]) async throws {
        let layout = SandboxLayout(directory: URL(fileURLWithPath: stateDirectory).standardizedFileURL.path)
        try FileManager.default.createDirectory(atPath: layout.directory, withIntermediateDirectories: true)
        if let pid = SandboxProcess.runningPID(layout) {
            throw SandboxError(code: "already-running", message: "a sandbox already runs from \(layout.directory) (pid \(pid)); stop it with `ferry sandbox down --state-dir \(stateDirectory)`")
        }
        var logger = Logger(label: "ferry.sandbox")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .notice

        let ports = [("source", sourcePort, "--source-port"), ("destination", destinationPort, "--destination-port")]
        let clusters = try ports.map { name, port, _ in
            try KubeSimCluster(
                configuration: .init(name: name, port: port, stateDirectory: layout.clusterDirectory(name)), logger: logger)
        }
        let announcer = SandboxAnnouncer(clusters: clusters, layout: layout, consolePort: noConsole ? nil : consolePort, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: clusters.map { .init(service: $0) } + [.init(service: announcer)] + services(clusters),
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            for (cluster, (_, port, flag)) in zip(clusters, ports) where cluster.port == nil {
                throw SandboxError(code: "port-in-use", message: "cannot listen on port \(port) for the \(cluster.configuration.name) cluster (\(error)); choose another with \(flag)")
            }
            throw error
        }
    }
}

/// Waits for both clusters, then writes the kubeconfig and pid file, starts the console (when
/// it has a port) and tells the user how to connect; removes the pid file on shutdown.
struct SandboxAnnouncer: Service {
    let clusters: [KubeSimCluster]
    let layout: SandboxLayout
    let consolePort: Int?
    let logger: Logger

    func run() async throws {
        for cluster in clusters { try await cluster.waitUntilServing() }
        guard let consolePort, let host = clusters.last else { return try await announce(console: nil) }
        // The destination holds the migration resources (it is the host cluster), so the
        // console serves it; people sign in with a token, the console itself has none. It
        // starts once the clusters serve, so their URLs (and ports chosen with 0) are known.
        let console = try ConsoleServer(
            configuration: ConsoleConfiguration(
                hostCluster: ClientConfiguration(
                    server: host.url,
                    tls: .init(certificateAuthorityPEM: Array(host.caCertificatePEM.utf8), certificateAuthoritySource: "the sandbox destination's CA")),
                port: consolePort),
            logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await console.run() }
            do {
                try await console.waitUntilServing()
            } catch {
                throw SandboxError(code: "port-in-use", message: "cannot serve the console on port \(consolePort) (\(error)); choose another with --console-port or leave it out with --no-console")
            }
            try await announce(console: console)
            try await group.waitForAll()
        }
    }

    private func announce(console: ConsoleServer?) async throws {
        let entries = clusters.map {
            SandboxKubeconfig.Entry(name: $0.configuration.name, server: $0.url, caCertificatePEM: $0.caCertificatePEM, token: $0.adminToken)
        }
        try SandboxKubeconfig.write(entries, current: "source", to: layout.kubeconfig)
        try SandboxProcess.writePID(layout)
        var message = "Sandbox running:\n"
        for cluster in clusters { message += "  \(cluster.configuration.name)\t\(cluster.url)\n" }
        message += "\nUse it with:\n  export KUBECONFIG=\(layout.kubeconfig)\n  kubectl --context source get ns\n"
        if let console, let host = clusters.last {
            try await console.waitUntilServing()
            message += "\nConsole: \(console.url)\n"
            message += "  sign in with the sandbox admin's token of the \(host.configuration.name) cluster:\n  \(host.adminToken)\n"
            message += "  (the browser warns about the console's self-signed certificate)\n"
        }
        message += "\nStop with Ctrl-C or `ferry sandbox down --state-dir \(layout.directory)`.\n"
        // stdout may be a pipe or file; the user needs these lines now, not at exit.
        FileHandle.standardOutput.write(Data(message.utf8))
        try? await gracefulShutdown()
        try? FileManager.default.removeItem(atPath: layout.pidFile)
    }
}
