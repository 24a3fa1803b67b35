#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FerryAPI
import FerryDirectVolume
import FerryEngine
import FerryTransfer
import Foundation
import KubeClient
import KubeCore
import Subprocess
import Testing

/// What the interrupt test needs from the machine.
enum InterruptedTransferRequirements {
    /// rsync and stunnel on the PATH, and root (the copy keeps owners).
    static let canRunTransfers: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        func installed(_ name: String) -> Bool {
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
        return installed("rsync") && (installed("stunnel") || installed("stunnel4")) && getuid() == 0
    }()
    static let skipReason: Comment = "needs rsync and stunnel on the PATH and root: install them (apt-get install rsync stunnel4) and run as root"
}

/// A migration survives its tunnel being killed mid-copy: the copy is retried, the data
/// arrives intact, and the statuses say that it took more than one attempt.
@Suite(
    "Direct volume migration: interrupted tunnel",
    .enabled(if: InterruptedTransferRequirements.canRunTransfers, InterruptedTransferRequirements.skipReason))
struct DirectVolumeInterruptTests {
    static let fileCount = 3
    static let fileSize = 16 << 20

    @Test(
        "killing the tunnel during a large copy: the migration retries, succeeds with identical data, and the DVMP and pipeline show the retry",
        .timeLimit(.minutes(2)))
    func migrationSurvivesKilledTunnel() async throws {
        try await VolumeWorld.with { world in
            let sourceDirectory = try await world.makeClaim()
            try await Self.shell(
                "for n in $(seq 1 \(Self.fileCount)); do head -c \(Self.fileSize) /dev/urandom > \"$0/file-$n.bin\"; done", sourceDirectory)
            let plan = try await world.makePlan(namespaces: ["shop"])
            let workDirectory = "\(world.scratch)/interrupt-work"
            try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
            var settings = DirectVolumeSettings()
            // 4 MiB/s per stream over two streams: the 48 MiB take several seconds, time enough to cut the tunnel.
            settings.transfer.bandwidthLimitKiBps = 4096
            settings.transfer.streamsPerVolume = 2
            settings.transfer.initialRetryDelay = .milliseconds(200)
            settings.transfer.maximumRetryDelay = .seconds(1)
            settings.transfer.backoffLimit = 5
            settings.transfer.workDirectory = workDirectory

            try await VolumeWorld.withMover(settings) { mover in
                let migration = try await world.makeMigration("stage", plan: plan, stage: true)
                let killed = try await withThrowingTaskGroup(of: [Int32].self) { group in
                    group.addTask {
                        _ = try await world.runToEnd(migration, plan: plan, mover: mover)
                        return []
                    }
                    group.addTask {
                        try await Self.waitUntilCopying(world, migration: migration)
                        return try await Self.killTunnelClient(mentioning: workDirectory)
                    }
                    var killed: [Int32] = []
                    for try await pids in group { killed += pids }
                    return killed
                }
                #expect(!killed.isEmpty, "a stunnel process of this transfer was killed")

                let finished = try await world.reload(migration)
                #expect(finished.status.conditions?.isTrue("Succeeded") == true, "\(finished.status.errors ?? [])")
                let destinationDirectory = try await world.volumeDirectory(of: "data", namespace: "shop", on: world.destination)
                let sourceDigests = try await Self.digests(in: sourceDirectory)
                #expect(sourceDigests.count == Self.fileCount)
                #expect(try await Self.digests(in: destinationDirectory) == sourceDigests)

                let progress = try #require(try await Self.progress(world, migration: migration))
                #expect(progress.status.phase == "Succeeded")
                let attempts = progress.status.rsyncPodStatuses ?? []
                #expect(attempts.count >= 2, "\(attempts)")
                let first = try #require(attempts.first)
                #expect(first.podPhase == "Failed", "\(first)")
                #expect(first.exitCode.map { $0 != 0 } == true, "the interrupted attempt records rsync's exit code: \(first)")
                #expect(attempts.last?.podPhase == "Succeeded", "\(attempts)")

                let lines = finished.status.pipeline?.first { $0.name == "DirectVolume" }?.progress ?? []
                let line = try #require(lines.first { $0.hasPrefix("shop/data: copied") }, "\(lines)")
                #expect(Self.attemptNumber(in: line).map { $0 >= 2 } == true, "the pipeline names the retry: \(line)")
            }
        }
    }

    /// Returns once the claim's DVMP shows the copy Running with bytes transferred.
    static func waitUntilCopying(_ world: VolumeWorld, migration: MigMigration) async throws {
        for _ in 0..<1200 {
            if let progress = try await progress(world, migration: migration),
               progress.status.phase == "Running", (progress.status.transferredBytes ?? 0) > 0 {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the DVMP of \(migration.name) never showed the copy running")
    }

    /// The DirectVolumeMigrationProgress of `migration`'s claim, once it exists.
    static func progress(_ world: VolumeWorld, migration: MigMigration) async throws -> DirectVolumeMigrationProgress? {
        let label = "\(MigrationAPI.migratedByMigrationLabel)=\(migration.uid)"
        let items = try await world.host.listAll(
            DirectVolumeMigrationProgress.resourceType.resource, namespace: migration.namespace, options: ListOptions(labelSelector: label)).items
        return try items.first.map { try DirectVolumeMigrationProgress(object: $0) }
    }

    /// SIGKILLs the client-side stunnel of the transfer whose work files live under `workDirectory`
    /// (only this test's transfer uses that directory) and returns the process ids it killed.
    static func killTunnelClient(mentioning workDirectory: String) async throws -> [Int32] {
        for _ in 0..<100 {
            let pids = stunnelProcesses(mentioning: workDirectory, config: "client.conf")
            if !pids.isEmpty {
                for pid in pids { kill(pid, SIGKILL) }
                return pids
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no stunnel process mentions \(workDirectory)")
        return []
    }

    /// Live stunnel processes whose command line names `config` under `workDirectory`.
    static func stunnelProcesses(mentioning workDirectory: String, config: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry),
                  let name = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                  name.hasPrefix("stunnel"),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.contains { $0.hasPrefix(workDirectory) && $0.hasSuffix("/\(config)") } ? pid : nil
        }
    }

    /// The sha256 of every regular file under `directory`, by path (rsync's partial files excluded).
    static func digests(in directory: String) async throws -> [String: String] {
        let output = try await shell(
            "cd \"$0\" && find . -type f -not -path '*/.rsync-partial/*' -print0 | xargs -0 -r sha256sum", directory)
        var digests: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 1)
            guard fields.count == 2 else { continue }
            digests[fields[1].trimmingCharacters(in: .whitespaces)] = String(fields[0])
        }
        return digests
    }

    /// The number after the last "attempt " in `line`.
    static func attemptNumber(in line: String) -> Int? {
        guard let range = line.range(of: "attempt ", options: .backwards) else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    @discardableResult
    static func shell(_ script: String, _ argument: String) async throws -> String {
        let result = try await Subprocess.run(
            .path("/bin/sh"), arguments: ["-c", script, argument], output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else {
            throw DirectVolumeMoverError(code: "test-shell", message: "'\(script)' failed: \(result.standardError)")
        }
        return result.standardOutput
    }
}
