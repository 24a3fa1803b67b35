#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// The run's tunnel, as the transfer pods build it but as local processes: an rsync daemon on
/// loopback (one module per volume), an stunnel server requiring the run's client certificate
/// in front of it, and an stunnel client that rsync connects to.
struct LocalTunnel: Sendable {
    /// Which of the tunnel's processes.
    enum Role: String, Sendable, Hashable {
        /// The rsync daemon behind the server.
        case daemon = "rsync daemon"
        /// The stunnel server (the destination end).
        case server = "stunnel server"
        /// The stunnel client (the source end) that rsync connects to.
        case client = "stunnel client"
    }

    /// The tunnel's processes, started in this order.
    let processes: [SupervisedProcess]
    /// The loopback port rsync connects to.
    let clientPort: Int
    /// The daemon's user and password.
    let username: String
    let password: String

    /// Writes the credentials and configurations into `workspace`.
    static func prepare(plan: LocalTransferPlan, settings: TransferSettings, workspace: LocalWorkspace) throws -> LocalTunnel {
        let proxy = try settings.tunnelProxy.map { try TunnelProxy(parsing: $0) }
        let credentials = try TransferCredentials.generate(
            migrationName: "local-\(UUID().uuidString.prefix(8).lowercased())", serverDNSNames: ["localhost"], serverIPAddresses: ["127.0.0.1"])
        let files = try credentials.write(to: workspace.file("pki"))
        let password = TransferPassword.generate()
        let ports = try LoopbackPort.free(count: 3)
        let (daemonPort, serverPort, clientPort) = (ports[0], ports[1], ports[2])

        // As root the daemon writes the source's owners; otherwise it can only write as itself.
        // Two modules per volume. Only a chrooted daemon keeps absolute and `../` symlink targets
        // as they are (without chroot it rewrites them into the module), but chrooted it also walks
        // every file's path again component by component, about 15% slower on many small files;
        // so a volume whose walk found no such link goes through the module without chroot.
        let chrootAvailable = getuid() == 0
        let modules = plan.entries.flatMap { entry -> [RsyncDaemonConfiguration.Module] in
            [
                .init(name: entry.moduleName, path: entry.volume.destinationPath, useChroot: false),
                .init(name: Self.exactLinksModule(entry.moduleName), path: entry.volume.destinationPath, useChroot: chrootAvailable),
            ]
        }
        // The daemon writes its own log (a failed bind, a refused client) into the file its
        // supervisor quotes when it fails, next to what it prints.
        let daemon = try RsyncDaemonConfiguration(
            modules: modules, port: daemonPort, uid: String(getuid()), gid: String(getgid()),
            secretsFile: workspace.file("rsyncd.secrets"), pidFile: workspace.file("rsyncd.pid"), logFile: workspace.file("rsyncd.out"))
        try write(daemon.secretsFileContents(password: password), to: daemon.secretsFile, mode: 0o600)
        try write(daemon.rendered(), to: workspace.file("rsyncd.conf"), mode: 0o600)
        let server = StunnelConfiguration.server(
            accept: "127.0.0.1:\(serverPort)", connect: "127.0.0.1:\(daemonPort)", caFile: files.caCertificate,
            certificateFile: files.serverCertificate, keyFile: files.serverKey, pidFile: workspace.file("server.pid"))
        try write(server.rendered(), to: workspace.file("server.conf"), mode: 0o600)
        let client = StunnelConfiguration.client(
            accept: "127.0.0.1:\(clientPort)", connect: "127.0.0.1:\(serverPort)", peerIdentity: .ipAddress("127.0.0.1"),
            caFile: files.caCertificate, certificateFile: files.clientCertificate, keyFile: files.clientKey,
            pidFile: workspace.file("client.pid"), proxy: proxy)
        try write(client.rendered(), to: workspace.file("client.conf"), mode: 0o600)

        return LocalTunnel(
            processes: [
                SupervisedProcess(
                    role: .daemon, executable: plan.rsync,
                    arguments: ["--daemon", "--no-detach", "--config=\(workspace.file("rsyncd.conf"))"],
                    logFile: workspace.file("rsyncd.out"), port: daemonPort),
                SupervisedProcess(role: .server, executable: plan.stunnel, arguments: [workspace.file("server.conf")], logFile: workspace.file("server.log"), port: serverPort),
                SupervisedProcess(role: .client, executable: plan.stunnel, arguments: [workspace.file("client.conf")], logFile: workspace.file("client.log"), port: clientPort),
            ],
            clientPort: clientPort, username: daemon.username, password: password)
    }

    /// Waits until every process listens (up to `timeout`), else fails with their logs.
    func waitUntilListening(timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        for process in processes {
            while !LoopbackPort.accepts(port: process.port) {
                guard ContinuousClock.now < deadline else {
                    throw TransferError(code: .tunnel, message: "the \(process.role.rawValue) did not listen on 127.0.0.1:\(process.port) within \(timeout); its log: \(process.logTail())")
                }
                // The processes bind 20–60 ms after they start; each probe is one refused connect.
                try await Task.sleep(for: .milliseconds(2))
            }
        }
    }

    /// The URL of a volume's module, through the tunnel; `exactLinks` picks the chrooted module
    /// that keeps every symlink target as it is (needed when the tree has absolute or `..` targets).
    func moduleURL(_ module: String, exactLinks: Bool = false) -> String {
        "rsync://\(username)@127.0.0.1:\(clientPort)/\(exactLinks ? Self.exactLinksModule(module) : module)/"
    }

    private static func exactLinksModule(_ module: String) -> String {
        "\(module)-exact-links"
    }

    private static func write(_ text: String, to path: String, mode: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: mode]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw TransferError(code: .tunnel, message: "writing '\(path)' failed; check the work directory is writable")
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(text.utf8))
    }
}
