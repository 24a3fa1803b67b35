#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FerryTestSupport
@testable import FerryTransfer
import Foundation
import Logging
import Testing

/// A transfer whose process died leaves its tunnel running; the next transfer stops it.
@Suite("Work directories of dead transfers", .enabled(if: TransferProcesses.rsync != nil, TransferProcesses.skipReason))
struct LocalWorkspaceSweepTests {
    @Test("the next work directory stops the rsync daemon a dead transfer left and removes its directory; a live owner's and a kept one stay",
          .timeLimit(.minutes(1)))
    func abandonedTunnelIsStopped() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-sweep-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let logger = Logger(label: "test.sweep")
        // pid_max is at most 2^22: this owner cannot be running.
        let deadOwner = "2147483000 12345\n"
        let abandoned = try Self.directory("ferry-transfer-abandoned", in: base, owner: deadOwner)
        let kept = try Self.directory("ferry-transfer-kept", in: base, owner: deadOwner)
        #expect(FileManager.default.createFile(atPath: "\(kept)/\(LocalWorkspace.keptFileName)", contents: nil))
        let me = try #require(ProcessIdentity.current())
        let live = try Self.directory("ferry-transfer-live", in: base, owner: "\(me.pid) \(me.startTime)\n")
        let unowned = try Self.directory("ferry-transfer-unowned", in: base, owner: nil)

        let port = try TransferProcesses.freePort()
        try """
            pid file = \(abandoned)/rsyncd.pid
            address = 127.0.0.1
            port = \(port)
            use chroot = no
            [data]
            path = \(abandoned)
            """.write(toFile: "\(abandoned)/rsyncd.conf", atomically: true, encoding: .utf8)
        let rsync = try #require(TransferProcesses.rsync)
        try await TransferProcesses.withBackground(
            rsync, ["--daemon", "--no-detach", "--config=\(abandoned)/rsyncd.conf"], logPath: "\(base)/rsyncd.out", readyPort: port
        ) {
            let pid = try #require(Int32((try String(contentsOfFile: "\(abandoned)/rsyncd.pid", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(Self.isRunning(pid))

            let workspace = try LocalWorkspace.create(in: base, keep: false, logger: logger)
            defer { workspace.finish() }
            // SIGKILL is sent before create returns; the kernel and the reaper need a moment.
            for _ in 0..<100 where Self.isRunning(pid) { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!Self.isRunning(pid), "the abandoned rsync daemon \(pid) still runs")
            #expect(!LoopbackPort.accepts(port: port))
            #expect(!FileManager.default.fileExists(atPath: abandoned))
            #expect(FileManager.default.fileExists(atPath: kept))
            #expect(FileManager.default.fileExists(atPath: live))
            #expect(FileManager.default.fileExists(atPath: unowned))
            // The new directory names its owner, so a later sweep leaves it alone while this process runs.
            let owner = try String(contentsOfFile: workspace.file(LocalWorkspace.ownerFileName), encoding: .utf8)
            #expect(ProcessIdentity(recorded: owner) == me)
        }
    }

    @Test("directory names are read in place, whatever their length: every name once, without . and .., by prefix and up to a limit")
    func directoryNamesAreReadInPlace() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-names-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let names = ["a", ".hidden", "ünïcødé", String(repeating: "n", count: 255), "ferry-transfer-one", "ferry-transfer-two"]
        for name in names { #expect(FileManager.default.createFile(atPath: "\(base)/\(name)", contents: nil)) }

        #expect(Set(try #require(DirectoryNames.read(base))) == Set(names))
        #expect(try #require(DirectoryNames.read(base)).count == names.count)
        #expect(Set(try #require(DirectoryNames.read(base, prefix: "ferry-transfer-"))) == ["ferry-transfer-one", "ferry-transfer-two"])
        #expect(try #require(DirectoryNames.read(base, limit: 2)).count == 2)
        #expect(DirectoryNames.read("\(base)/missing") == nil)
    }

    @Test("a process is told apart from a later holder of its pid by its start time")
    func identityNeedsTheStartTime() throws {
        let me = try #require(ProcessIdentity.current())
        #expect(me.isRunning)
        #expect(!ProcessIdentity(pid: me.pid, startTime: me.startTime + 1).isRunning)
        #expect(ProcessIdentity(recorded: "12 34\n") == ProcessIdentity(pid: 12, startTime: 34))
        #expect(ProcessIdentity(recorded: "twelve 34") == nil)
    }

    private static func directory(_ name: String, in base: String, owner: String?) throws -> String {
        let path = "\(base)/\(name)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if let owner { try owner.write(toFile: "\(path)/\(LocalWorkspace.ownerFileName)", atomically: true, encoding: .utf8) }
        return path
    }

    /// Alive and not a zombie waiting to be reaped.
    private static func isRunning(_ pid: Int32) -> Bool {
        guard let state = ProcessIdentity.statFields(of: pid)?.first else { return false }
        return state != "Z"
    }
}
