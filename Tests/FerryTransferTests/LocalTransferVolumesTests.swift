@testable import FerryTransfer
import Foundation
import Testing

/// Several volumes in one run, and the tunnel through a CONNECT proxy.
@Suite("Local transfer of several volumes", .enabled(if: TransferProcesses.rsync != nil && TransferProcesses.stunnel != nil, TransferProcesses.skipReason))
struct LocalTransferVolumesTests {
    actor Reports {
        var ids: Set<String> = []
        func add(_ report: VolumeTransferProgress) { ids.insert(report.id) }
    }

    @Test("three volumes, two at a time, each arrive in their own destination; results keep the volumes' order", .timeLimit(.minutes(1)))
    func severalVolumesTwoAtATime() async throws {
        let fixture = try LocalTransferFixture("volumes")
        defer { fixture.remove() }
        let volumes = try (1...3).map { index in
            let source = "\(fixture.directory)/claims/source-\(index)"
            try FileManager.default.createDirectory(atPath: "\(source)/nested", withIntermediateDirectories: true)
            try Data("volume \(index)\n".utf8).write(to: URL(fileURLWithPath: "\(source)/nested/id.txt"))
            return LocalVolume(id: "shop/claim-\(index)", sourcePath: source, destinationPath: "\(fixture.directory)/claims/destination-\(index)", verify: index == 2)
        }
        var settings = fixture.settings()
        settings.concurrentVolumes = 2
        let reports = Reports()
        let results = try await LocalTransfer(settings: settings, logger: LocalTransferFixture.logger)
            .run(volumes, kind: .cutover, progress: { await reports.add($0) })

        #expect(results.map(\.progress.id) == ["shop/claim-1", "shop/claim-2", "shop/claim-3"])
        #expect(results.allSatisfy { $0.progress.phase == .succeeded })
        #expect(results[1].verification?.mismatches == [] && results[0].verification == nil)
        #expect(await reports.ids == ["shop/claim-1", "shop/claim-2", "shop/claim-3"])
        for (index, volume) in volumes.enumerated() {
            #expect(FileManager.default.contents(atPath: "\(volume.destinationPath)/nested/id.txt") == Data("volume \(index + 1)\n".utf8))
        }
    }

    @Test("with a tunnel proxy the copy goes through the proxy's CONNECT and arrives", .timeLimit(.minutes(1)), .enabled(if: TransferProcesses.python != nil, "python3 runs the test proxy"))
    func copiesThroughTunnelProxy() async throws {
        let fixture = try LocalTransferFixture("proxy")
        defer { fixture.remove() }
        try fixture.write("a/b.txt", "through the proxy\n")
        let proxyPort = try TransferProcesses.freePort()
        let record = "\(fixture.directory)/proxy-requests"
        var settings = fixture.settings()
        settings.tunnelProxy = "http://mover:pr0xy-pass@127.0.0.1:\(proxyPort)"
        let configured = settings

        let result = try await TransferProcesses.withBackground(
            TransferProcesses.python!, ["-c", TestConnectProxy.script, String(proxyPort), "mover:pr0xy-pass", record],
            logPath: "\(fixture.directory)/proxy.log", readyPort: proxyPort
        ) {
            try await fixture.transfer(.stage, settings: configured)
        }
        #expect(result.progress.phase == .succeeded)
        let requests = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
        #expect(requests.contains("CONNECT 127.0.0.1:"), "proxy saw: \(requests)")
        #expect(FileManager.default.contents(atPath: "\(fixture.destination)/a/b.txt") == Data("through the proxy\n".utf8))
    }
}

/// What the run leaves on disk when asked to keep it, and how it is protected.
@Suite("Local transfer work files", .enabled(if: TransferProcesses.rsync != nil && TransferProcesses.stunnel != nil, TransferProcesses.skipReason))
struct LocalTransferWorkFilesTests {
    @Test("kept work files sit in a 0700 directory: keys 0600, a loopback-only daemon, a server that requires the client certificate", .timeLimit(.minutes(1)))
    func keptWorkFilesAreProtected() async throws {
        let fixture = try LocalTransferFixture("keep")
        defer { fixture.remove() }
        try fixture.write("file.txt", "data\n")
        var settings = fixture.settings()
        settings.keepTransferResources = true
        try await fixture.transfer(.stage, settings: settings)

        let work = try #require(try FileManager.default.contentsOfDirectory(atPath: "\(fixture.directory)/work").first)
        let directory = "\(fixture.directory)/work/\(work)"
        let mode = { (path: String) in try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }
        #expect(try mode(directory) == 0o700)
        #expect(try mode("\(directory)/pki/client.key") == 0o600 && mode("\(directory)/pki/server.key") == 0o600)
        #expect(try mode("\(directory)/rsyncd.secrets") == 0o600)
        let daemon = try String(contentsOfFile: "\(directory)/rsyncd.conf", encoding: .utf8)
        #expect(daemon.contains("address = 127.0.0.1") && daemon.contains("hosts allow = 127.0.0.1") && daemon.contains("auth users = ferry"))
        let server = try String(contentsOfFile: "\(directory)/server.conf", encoding: .utf8)
        #expect(server.contains("requireCert = yes") && server.contains("accept = 127.0.0.1:"))
    }
}
