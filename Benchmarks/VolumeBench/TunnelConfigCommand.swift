import ArgumentParser
import FerryTransfer
import Foundation

/// Writes everything the single-rsync baseline (MTC's method) needs into one directory: a
/// fresh CA with server and client certificates, an rsync daemon with one module and its
/// secret, and both stunnel ends; the benchmark script starts the three processes.
struct TunnelConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tunnel-config",
        abstract: "Write rsyncd.conf, server.conf and client.conf (and their credentials) for rsync over stunnel on loopback.")

    @Option(help: "Where the configuration, credentials, pid and log files go.")
    var directory: String

    @Option(help: "The directory the rsync module `data` writes into (each copy goes to a subdirectory).")
    var modulePath: String

    @Option(help: "The loopback port of the rsync daemon.")
    var daemonPort: Int

    @Option(help: "The loopback port the stunnel server accepts TLS on.")
    var serverPort: Int

    @Option(help: "The loopback port the stunnel client accepts rsync on.")
    var clientPort: Int

    func run() throws {
        let credentials = try TransferCredentials.generate(
            migrationName: "volume-bench", serverDNSNames: [], serverIPAddresses: ["127.0.0.1"])
        let files = try credentials.write(to: "\(directory)/pki")
        let daemon = try RsyncDaemonConfiguration(
            modules: [.init(name: "data", path: modulePath)], port: daemonPort,
            uid: String(getuid()), gid: String(getgid()),
            secretsFile: "\(directory)/rsyncd.secrets", pidFile: "\(directory)/rsyncd.pid",
            logFile: "\(directory)/rsyncd.log")
        let password = TransferPassword.generate()
        try writePrivate(daemon.secretsFileContents(password: password), to: daemon.secretsFile)
        // rsync's --password-file wants the bare password, readable by its owner only.
        try writePrivate(password + "\n", to: "\(directory)/rsync.password")
        try daemon.rendered().write(toFile: "\(directory)/rsyncd.conf", atomically: true, encoding: .utf8)
        let server = StunnelConfiguration.server(
            accept: "127.0.0.1:\(serverPort)", connect: "127.0.0.1:\(daemonPort)", caFile: files.caCertificate,
            certificateFile: files.serverCertificate, keyFile: files.serverKey, pidFile: "\(directory)/server.pid",
            debugLevel: 3)
        try server.rendered().write(toFile: "\(directory)/server.conf", atomically: true, encoding: .utf8)
        let client = StunnelConfiguration.client(
            accept: "127.0.0.1:\(clientPort)", connect: "127.0.0.1:\(serverPort)", peerIdentity: .ipAddress("127.0.0.1"),
            caFile: files.caCertificate, certificateFile: files.clientCertificate, keyFile: files.clientKey,
            pidFile: "\(directory)/client.pid", debugLevel: 3)
        try client.rendered().write(toFile: "\(directory)/client.conf", atomically: true, encoding: .utf8)
    }

    private func writePrivate(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("could not write \(path); check that --directory is writable")
        }
    }
}
