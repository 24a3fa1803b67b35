#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import FerryTransfer
import Foundation
import Testing

/// The local plane survives a killed tunnel by resuming, and fails fast and cleanly otherwise.
@Suite("Local transfer failures", .enabled(if: TransferProcesses.rsync != nil && TransferProcesses.stunnel != nil, TransferProcesses.skipReason))
struct LocalTransferFailureTests {
    /// The process ids of the tunnel's processes as they start.
    actor TunnelProcesses {
        var pids: [LocalTunnel.Role: [Int32]] = [:]
        func started(_ role: LocalTunnel.Role, _ pid: Int32) { pids[role, default: []].append(pid) }
        func first(_ role: LocalTunnel.Role) -> Int32? { pids[role]?.first }
        func count(_ role: LocalTunnel.Role) -> Int { pids[role]?.count ?? 0 }
    }

    static let fileSize = 12 << 20

    @Test(
        "killing a tunnel end mid-transfer: the transfer completes, records the failed attempt and resumes rather than restarts",
        .timeLimit(.minutes(1)), arguments: [LocalTunnel.Role.client, .server])
    func resumesAfterTunnelKilled(role: LocalTunnel.Role) async throws {
        let fixture = try LocalTransferFixture("interrupt")
        defer { fixture.remove() }
        try await fixture.shell("head -c \(Self.fileSize) /dev/urandom > one.bin && head -c \(Self.fileSize) /dev/urandom > two.bin")
        var settings = fixture.settings(streams: 2)
        // 3 MiB/s per stream: each file takes about four seconds, time enough to cut the tunnel.
        settings.bandwidthLimitKiBps = 3072
        let processes = TunnelProcesses()
        var instrumentation = LocalTransfer.Instrumentation()
        instrumentation.tunnelProcessStarted = { await processes.started($0, $1) }
        let destination = fixture.destination
        let configured = settings
        let observed = instrumentation

        let result = try await withThrowingTaskGroup(of: VolumeTransferResult?.self) { group in
            group.addTask { try await fixture.transfer(.stage, settings: configured, instrumentation: observed) }
            group.addTask {
                // Cut once a good part of a file has arrived, so there is something to resume.
                while Self.largestPartialFile(in: destination) < Int64(Self.fileSize / 4) {
                    try await Task.sleep(for: .milliseconds(50))
                }
                let pid = try #require(await processes.first(role))
                kill(pid, SIGKILL)
                return nil
            }
            var result: VolumeTransferResult?
            for try await finished in group { result = finished ?? result }
            return try #require(result)
        }

        #expect(result.progress.phase == .succeeded)
        #expect(await processes.count(role) >= 2, "the killed \(role.rawValue) was started again")
        let attempts = result.progress.attempts
        #expect(attempts.count >= 2, "\(attempts)")
        let failed = try #require(attempts.first)
        #expect(failed.exitCode.map { RsyncExitStatus(code: $0).isRetryable || $0 == 5 } == true, "first attempt: \(failed)")
        for retry in attempts.dropFirst() {
            // Resumed: the retry sent less than a whole file, the part that arrived before the cut was reused.
            #expect((retry.bytesTransferred ?? .max) < Int64(Self.fileSize), "\(retry)")
        }
        let source = try await TreeManifest.read(fixture.source)
        let copied = try await TreeManifest.read(fixture.destination)
        #expect(source.differences(from: copied).isEmpty, "\(source.differences(from: copied))")
    }

    /// The size of the largest file (partial or temporary) under `directory`.
    static func largestPartialFile(in directory: String) -> Int64 {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { try? FileManager.default.attributesOfItem(atPath: "\(directory)/\($0)")[.size] as? Int64 }.max() ?? 0
    }

    @Test("a source path that does not exist fails naming the volume and the path, with no process left", .timeLimit(.minutes(1)))
    func missingSourceFailsFast() async throws {
        let fixture = try LocalTransferFixture("missing")
        defer { fixture.remove() }
        let volume = LocalVolume(id: "shop/ghost", sourcePath: "\(fixture.directory)/no-such-dir", destinationPath: fixture.destination)
        let transfer = LocalTransfer(settings: fixture.settings(), logger: LocalTransferFixture.logger)
        let error = await #expect(throws: TransferError.self) {
            try await transfer.run([volume], kind: .stage, progress: { _ in })
        }
        #expect(error?.code == .sourceMissing)
        #expect(error?.message.contains("shop/ghost") == true && error?.message.contains("no-such-dir") == true)
        #expect(ChildProcesses.named(["rsync", "stunnel", "stunnel4"], mentioning: fixture.directory).isEmpty)
    }

    @Test("an rsync error retrying cannot fix fails at once with rsync's code and message, and tears the tunnel down", .timeLimit(.minutes(1)))
    func nonRetryableFailureStopsEverything() async throws {
        let fixture = try LocalTransferFixture("usage")
        defer { fixture.remove() }
        try fixture.write("file.txt", "data\n")
        var settings = fixture.settings()
        settings.extraOptions = ["--no-such-option-ferry"]
        let error = await #expect(throws: TransferError.self) {
            try await fixture.transfer(.stage, settings: settings)
        }
        #expect(error?.code == .transferFailed)
        #expect(error?.exitCode == 1)
        #expect(error?.volumeID == "shop/data")
        #expect(error?.message.contains("no-such-option-ferry") == true, "\(String(describing: error))")
        #expect(ChildProcesses.named(["rsync", "stunnel", "stunnel4"], mentioning: fixture.directory).isEmpty)
        let work = (try? FileManager.default.contentsOfDirectory(atPath: "\(fixture.directory)/work")) ?? []
        #expect(work.isEmpty, "the work directory was removed: \(work)")
    }

    @Test("cancelling the task stops every process and removes the work files", .timeLimit(.minutes(1)))
    func cancellationStopsEverything() async throws {
        let fixture = try LocalTransferFixture("cancel")
        defer { fixture.remove() }
        try await fixture.shell("head -c \(8 << 20) /dev/urandom > big.bin")
        var settings = fixture.settings()
        settings.bandwidthLimitKiBps = 1024
        let configured = settings
        let transfer = Task { try await fixture.transfer(.stage, settings: configured) }
        while Self.largestPartialFile(in: fixture.destination) == 0 { try await Task.sleep(for: .milliseconds(50)) }
        transfer.cancel()
        _ = await transfer.result
        #expect(ChildProcesses.named(["rsync", "stunnel", "stunnel4"], mentioning: fixture.directory).isEmpty)
        let work = (try? FileManager.default.contentsOfDirectory(atPath: "\(fixture.directory)/work")) ?? []
        #expect(work.isEmpty, "the work directory was removed: \(work)")
    }
}

/// Processes this test process started (directly or through a shell that exec'd), from /proc.
enum ChildProcesses {
    /// Live children called one of `names` whose command line mentions `marker` (other tests run
    /// their own rsync and stunnel at the same time).
    static func named(_ names: Set<String>, mentioning marker: String) -> [String] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> String? in
            guard Int32(entry) != nil, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
            let name = String(stat[stat.index(after: open)..<close])
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // Children in their own session still name this process as their parent.
            guard fields.count > 2, Int32(fields[1]) == me, names.contains(name), fields[0] != "Z",
                  let commandLine = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                  String(decoding: commandLine, as: UTF8.self).contains(marker) else { return nil }
            return "\(entry) \(name)"
        }
    }
}
