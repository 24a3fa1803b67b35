import FerryTransfer
import Foundation
import Subprocess
import Testing

/// Real rsync through a real stunnel pair on loopback, configured by FerryTransfer.
@Suite("Rsync over the authenticated tunnel", .enabled(if: TransferProcesses.rsync != nil && TransferProcesses.stunnel != nil, TransferProcesses.skipReason))
struct RsyncTunnelTests {
    /// The daemon side of one test: credentials, rsyncd and the stunnel server, in `directory`.
    struct Destination {
        let directory: String
        let files: TransferCredentials.Files
        let password: String
        let modulePath: String
        let daemonPort: Int
        let serverPort: Int

        init(credentials: TransferCredentials) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-tunnel-\(UUID().uuidString)").path
            files = try credentials.write(to: "\(directory)/pki")
            password = TransferPassword.generate()
            modulePath = "\(directory)/volume"
            try FileManager.default.createDirectory(atPath: modulePath, withIntermediateDirectories: true)
            daemonPort = try TransferProcesses.freePort()
            serverPort = try TransferProcesses.freePort()
        }

        /// Runs `body` while rsyncd and the stunnel server run.
        func withRunning<T: Sendable>(_ body: () async throws -> T) async throws -> T {
            let daemon = try RsyncDaemonConfiguration(
                modules: [.init(name: "data", path: modulePath)], port: daemonPort,
                uid: String(getuid()), gid: String(getgid()),
                secretsFile: "\(directory)/rsyncd.secrets", pidFile: "\(directory)/rsyncd.pid", logFile: "\(directory)/rsyncd.log")
            _ = FileManager.default.createFile(
                atPath: daemon.secretsFile, contents: Data(daemon.secretsFileContents(password: password).utf8),
                attributes: [.posixPermissions: 0o600])
            try daemon.rendered().write(toFile: "\(directory)/rsyncd.conf", atomically: true, encoding: .utf8)
            let server = StunnelConfiguration.server(
                accept: "127.0.0.1:\(serverPort)", connect: "127.0.0.1:\(daemonPort)", caFile: files.caCertificate,
                certificateFile: files.serverCertificate, keyFile: files.serverKey, pidFile: "\(directory)/server.pid")
            try server.rendered().write(toFile: "\(directory)/server.conf", atomically: true, encoding: .utf8)
            return try await TransferProcesses.withBackground(
                TransferProcesses.rsync!, ["--daemon", "--no-detach", "--config=\(directory)/rsyncd.conf"],
                logPath: "\(directory)/rsyncd.out", readyPort: daemonPort
            ) {
                try await TransferProcesses.withBackground(
                    TransferProcesses.stunnel!, ["\(directory)/server.conf"], logPath: "\(directory)/server.log", readyPort: serverPort, body)
            }
        }

        /// Runs `rsync` from `source` through a stunnel client that presents `clientFiles`.
        func copy(
            from source: String, clientFiles: TransferCredentials.Files,
            peerIdentity: StunnelConfiguration.PeerIdentity = .ipAddress("127.0.0.1"), password: String? = nil,
            proxy: TunnelProxy? = nil
        ) async throws -> (status: RsyncExitStatus, output: String) {
            let clientPort = try TransferProcesses.freePort()
            let client = StunnelConfiguration.client(
                accept: "127.0.0.1:\(clientPort)", connect: "127.0.0.1:\(serverPort)", peerIdentity: peerIdentity,
                caFile: files.caCertificate, certificateFile: clientFiles.clientCertificate, keyFile: clientFiles.clientKey,
                pidFile: "\(directory)/client-\(clientPort).pid", proxy: proxy)
            try client.rendered().write(toFile: "\(directory)/client.conf", atomically: true, encoding: .utf8)
            return try await TransferProcesses.withBackground(
                TransferProcesses.stunnel!, ["\(directory)/client.conf"], logPath: "\(directory)/client.log", readyPort: clientPort
            ) {
                let arguments = try RsyncOptions.cutover.arguments() + [
                    "--timeout=10", "--contimeout=10", "\(source)/", "rsync://ferry@127.0.0.1:\(clientPort)/data/",
                ]
                let result = try await Subprocess.run(
                    .name("timeout"), arguments: Arguments(["20", TransferProcesses.rsync!] + arguments),
                    environment: .inherit.updating(["RSYNC_PASSWORD": password ?? self.password]),
                    output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
                let code: Int32 = if case .exited(let code) = result.terminationStatus { Int32(code) } else { -1 }
                return (RsyncExitStatus(code: code), result.standardOutput + result.standardError)
            }
        }
    }

    /// A tree with a file of each kind the copy must keep.
    private func makeSourceTree(in directory: String) throws -> String {
        let source = "\(directory)/source"
        let manager = FileManager.default
        try manager.createDirectory(atPath: "\(source)/nested/deeper", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: "\(source)/empty", withIntermediateDirectories: true)
        try manager.setAttributes([.posixPermissions: 0o750], ofItemAtPath: "\(source)/empty")
        try Data("hello ferry\n".utf8).write(to: URL(fileURLWithPath: "\(source)/greeting.txt"))
        try manager.setAttributes([.posixPermissions: 0o640], ofItemAtPath: "\(source)/greeting.txt")
        try Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: "\(source)/nested/deeper/blob.bin"))
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(source)/nested/deeper/blob.bin")
        try manager.createSymbolicLink(atPath: "\(source)/link-to-greeting", withDestinationPath: "greeting.txt")
        try manager.linkItem(atPath: "\(source)/nested/deeper/blob.bin", toPath: "\(source)/nested/hard-link.bin")
        return source
    }

    @Test("a tree with an empty directory, a symlink and a hard link arrives intact through the tunnel", .timeLimit(.minutes(1)))
    func copiesTreeThroughTunnel() async throws {
        let credentials = try TransferCredentials.generate(migrationName: "tunnel-test", serverDNSNames: ["localhost"], serverIPAddresses: ["127.0.0.1"])
        let destination = try Destination(credentials: credentials)
        defer { try? FileManager.default.removeItem(atPath: destination.directory) }
        let source = try makeSourceTree(in: destination.directory)
        try Data("deleted at the source\n".utf8).write(to: URL(fileURLWithPath: "\(destination.modulePath)/stale.txt"))

        let (status, output) = try await destination.withRunning {
            try await destination.copy(from: source, clientFiles: destination.files)
        }
        #expect(status.outcome == .success, "\(status): \(output)")
        let finalReport = try #require(RsyncProgressParser.reports(in: output).last, "no progress in \(output.debugDescription)")
        #expect(finalReport.isFinished, "output: \(output.debugDescription)")
        // The hard link's data crosses once: 12 bytes of text plus the 200,000-byte blob.
        #expect(finalReport.bytes == 200_012)

        let manager = FileManager.default
        let copied = destination.modulePath
        #expect(manager.contents(atPath: "\(copied)/greeting.txt") == manager.contents(atPath: "\(source)/greeting.txt"))
        #expect(manager.contents(atPath: "\(copied)/nested/deeper/blob.bin") == manager.contents(atPath: "\(source)/nested/deeper/blob.bin"))
        for path in ["greeting.txt", "empty", "nested/deeper/blob.bin"] {
            let expected = try manager.attributesOfItem(atPath: "\(source)/\(path)")
            let actual = try manager.attributesOfItem(atPath: "\(copied)/\(path)")
            #expect(actual[.posixPermissions] as? Int == expected[.posixPermissions] as? Int, "mode of \(path)")
            #expect(actual[.type] as? FileAttributeType == expected[.type] as? FileAttributeType, "type of \(path)")
            let expectedTime = try #require(expected[.modificationDate] as? Date).timeIntervalSince1970.rounded(.down)
            #expect((actual[.modificationDate] as? Date)?.timeIntervalSince1970.rounded(.down) == expectedTime, "mtime of \(path)")
        }
        #expect(try manager.contentsOfDirectory(atPath: "\(copied)/empty").isEmpty)
        #expect(!manager.fileExists(atPath: "\(copied)/stale.txt"), "the cutover copy deletes what the source no longer has")
        #expect(try manager.destinationOfSymbolicLink(atPath: "\(copied)/link-to-greeting") == "greeting.txt")
        let original = try manager.attributesOfItem(atPath: "\(copied)/nested/deeper/blob.bin")
        let hardLink = try manager.attributesOfItem(atPath: "\(copied)/nested/hard-link.bin")
        #expect(original[.systemFileNumber] as? Int == hardLink[.systemFileNumber] as? Int, "hard link kept as a link")
        #expect(original[.referenceCount] as? Int == 2)
    }

    @Test("a client certificate from another migration is refused and nothing is written", .timeLimit(.minutes(1)))
    func refusesForeignClientCertificate() async throws {
        let credentials = try TransferCredentials.generate(migrationName: "tunnel-test", serverDNSNames: ["localhost"], serverIPAddresses: ["127.0.0.1"])
        let foreign = try TransferCredentials.generate(migrationName: "other", serverDNSNames: ["localhost"])
        let destination = try Destination(credentials: credentials)
        defer { try? FileManager.default.removeItem(atPath: destination.directory) }
        let source = try makeSourceTree(in: destination.directory)
        let foreignFiles = try foreign.write(to: "\(destination.directory)/foreign-pki")

        let (status, output) = try await destination.withRunning {
            try await destination.copy(from: source, clientFiles: foreignFiles)
        }
        #expect(status.outcome == .failure, "the server accepted a foreign client certificate: \(output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.modulePath).isEmpty)
        let serverLog = (try? String(contentsOfFile: "\(destination.directory)/server.log", encoding: .utf8)) ?? ""
        #expect(serverLog.contains("certificate") || serverLog.contains("CERT"), "server log: \(serverLog)")
    }

    @Test("a wrong module password fails with rsync's protocol error and writes nothing", .timeLimit(.minutes(1)))
    func refusesWrongPassword() async throws {
        let credentials = try TransferCredentials.generate(migrationName: "tunnel-test", serverDNSNames: ["localhost"], serverIPAddresses: ["127.0.0.1"])
        let destination = try Destination(credentials: credentials)
        defer { try? FileManager.default.removeItem(atPath: destination.directory) }
        let source = try makeSourceTree(in: destination.directory)

        let (status, output) = try await destination.withRunning {
            try await destination.copy(from: source, clientFiles: destination.files, password: TransferPassword.generate())
        }
        #expect(status.code == 5, "\(status): \(output)")
        #expect(output.contains("auth failed"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.modulePath).isEmpty)
    }

    @Test("a client expecting another server name refuses the server's certificate", .timeLimit(.minutes(1)))
    func clientRefusesServerWithOtherName() async throws {
        let credentials = try TransferCredentials.generate(migrationName: "tunnel-test", serverDNSNames: ["rsync.dest.example"])
        let destination = try Destination(credentials: credentials)
        defer { try? FileManager.default.removeItem(atPath: destination.directory) }
        let source = try makeSourceTree(in: destination.directory)

        let (status, output) = try await destination.withRunning {
            try await destination.copy(from: source, clientFiles: destination.files, peerIdentity: .host("impostor.example"))
        }
        #expect(status.outcome == .failure, "the client accepted a server certificate for another name: \(output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.modulePath).isEmpty)
        let clientLog = (try? String(contentsOfFile: "\(destination.directory)/client.log", encoding: .utf8)) ?? ""
        // The chain is the one the other tests accept, so only the name can fail the verification.
        #expect(clientLog.contains("certificate verify failed"), "client log: \(clientLog)")
    }

    @Test("through an authenticating CONNECT proxy the copy still arrives, end-to-end encrypted", .timeLimit(.minutes(1)), .enabled(if: TransferProcesses.python != nil, "python3 runs the test proxy"))
    func copiesThroughConnectProxy() async throws {
        let credentials = try TransferCredentials.generate(migrationName: "tunnel-test", serverDNSNames: ["localhost"], serverIPAddresses: ["127.0.0.1"])
        let destination = try Destination(credentials: credentials)
        defer { try? FileManager.default.removeItem(atPath: destination.directory) }
        let source = try makeSourceTree(in: destination.directory)
        let proxyPort = try TransferProcesses.freePort()
        let proxy = try TunnelProxy(parsing: "http://mover:pr0xy-pass@127.0.0.1:\(proxyPort)")
        let record = "\(destination.directory)/proxy-requests"

        let (status, output) = try await destination.withRunning {
            try await TransferProcesses.withBackground(
                TransferProcesses.python!, ["-c", TestConnectProxy.script, String(proxyPort), "mover:pr0xy-pass", record],
                logPath: "\(destination.directory)/proxy.log", readyPort: proxyPort
            ) {
                try await destination.copy(from: source, clientFiles: destination.files, proxy: proxy)
            }
        }
        let logs = ["client.log", "proxy.log"].map { (try? String(contentsOfFile: "\(destination.directory)/\($0)", encoding: .utf8)) ?? "" }
        #expect(status.outcome == .success, "\(status): \(output)\n\(logs.joined(separator: "\n"))")
        let requests = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
        #expect(requests.contains("CONNECT 127.0.0.1:\(destination.serverPort) HTTP/1.1"), "proxy saw: \(requests)")
        #expect(FileManager.default.contents(atPath: "\(destination.modulePath)/greeting.txt") == Data("hello ferry\n".utf8))
    }
}
