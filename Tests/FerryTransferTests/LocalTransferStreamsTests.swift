@testable import FerryTransfer
import Foundation
import Testing

/// Many small files over parallel rsync streams.
@Suite("Local transfer streams", .enabled(if: TransferProcesses.rsync != nil && TransferProcesses.stunnel != nil, TransferProcesses.skipReason))
struct LocalTransferStreamsTests {
    actor Reports {
        var all: [VolumeTransferProgress] = []
        func add(_ report: VolumeTransferProgress) { all.append(report) }
    }

    @Test("2,000 small files over 4 streams arrive complete; progress only grows and ends at the total", .timeLimit(.minutes(1)))
    func manySmallFilesOverStreams() async throws {
        let fixture = try LocalTransferFixture("streams")
        defer { fixture.remove() }
        try await fixture.shell("for d in $(seq 1 20); do mkdir d$d; for f in $(seq 1 100); do head -c $((d * 37 + f * 13)) /dev/urandom > d$d/f$f; done; done; ln d1/f1 d20/hard-to-d1-f1; mkdir -m 0701 empty; touch -d 2020-01-01 empty d3")
        let reports = Reports()
        var settings = fixture.settings(streams: 4)
        settings.bandwidthLimitKiBps = 64
        var transfer = LocalTransfer(settings: settings, logger: LocalTransferFixture.logger)
        transfer.streamPolicy = .asConfigured
        let results = try await transfer.run([fixture.volume()], kind: .stage, progress: { await reports.add($0) })

        let all = await reports.all
        let result = try #require(results.first)
        let total = try #require(result.progress.totalBytes)
        // The hard link's data counts once.
        #expect(result.progress.totalFiles == 2_000)
        #expect(total > 0)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.bytesTransferred <= $1.bytesTransferred }, "\(all.map(\.bytesTransferred))")
        #expect(all.last?.bytesTransferred == total)
        #expect(all.last?.phase == .succeeded && all.last?.percent == 100)
        #expect(all.first?.phase == .running)
        #expect(result.progress.attempts.first?.runner?.contains("4 streams") == true)
        let source = try await TreeManifest.read(fixture.source)
        let copied = try await TreeManifest.read(fixture.destination)
        #expect(copied.entries.count == 2_022)
        #expect(source.differences(from: copied).isEmpty, "\(source.differences(from: copied).prefix(5))")
    }

    @Test("a volume of small files gets one stream whatever the setting; large files get the setting, at most one per core")
    func streamCountFollowsTheTree() {
        let policy = StreamPolicy(processorCount: 2, minimumVolumeBytes: 64 << 20, minimumAverageFileBytes: 1 << 20)
        // 100,000 files of 8 KiB: per-file work dominates, one recursive pass.
        #expect(policy.streams(totalBytes: 100_000 * 8192, totalFiles: 100_000, configured: 4) == 1)
        // 8 files of 256 MiB: capped at the two cores.
        #expect(policy.streams(totalBytes: 8 << 28, totalFiles: 8, configured: 4) == 2)
        #expect(policy.streams(totalBytes: 8 << 28, totalFiles: 8, configured: 1) == 1)
        // A small volume, even of large files, is not worth a second stream.
        #expect(policy.streams(totalBytes: 32 << 20, totalFiles: 4, configured: 4) == 1)
        #expect(policy.streams(totalBytes: 0, totalFiles: 0, configured: 4) == 1)
        #expect(StreamPolicy.asConfigured.streams(totalBytes: 10, totalFiles: 10, configured: 4) == 4)
    }

    @Test("with the measured policy a tree of small files is copied by one recursive pass, complete", .timeLimit(.minutes(1)))
    func smallFilesGetOnePass() async throws {
        let fixture = try LocalTransferFixture("one-pass")
        defer { fixture.remove() }
        try await fixture.shell("for d in 1 2 3; do mkdir d$d; for f in $(seq 1 50); do head -c $((f * 97)) /dev/urandom > d$d/f$f; done; done; ln d1/f1 d3/hard")
        let result = try await fixture.transfer(.stage, streamPolicy: .measured)
        #expect(result.progress.attempts.first?.runner == "rsync, one pass")
        #expect(result.progress.phase == .succeeded && result.progress.percent == 100)
        let source = try await TreeManifest.read(fixture.source)
        let copied = try await TreeManifest.read(fixture.destination)
        #expect(copied.entries.count == 154)
        #expect(copied.entries["d3/hard"]?.hardLinkGroup != nil)
        #expect(source.differences(from: copied).isEmpty, "\(source.differences(from: copied).prefix(5))")
    }

    @Test("partitions balance bytes and keep a hard-link group in one stream")
    func partitionsKeepHardLinksTogether() {
        var tree = SourceTree()
        tree.units = [
            .init(paths: ["big"], bytes: 1000), .init(paths: ["a", "links/a"], bytes: 600),
            .init(paths: ["b"], bytes: 500), .init(paths: ["c"], bytes: 400),
        ]
        let partitions = tree.partitions(count: 2)
        #expect(partitions.count == 2)
        #expect(partitions.contains { $0.paths.contains("a") && $0.paths.contains("links/a") })
        #expect(Set(partitions.flatMap(\.paths)) == ["big", "a", "links/a", "b", "c"])
        // Weights add 4 KiB per unit: big+c against the hard-link pair+b.
        #expect(partitions.map(\.bytes).sorted() == [1100, 1400])
    }

    @Test("itemized differences become named reasons; unchanged items are not differences")
    func verifierReadsItemizedChanges() {
        #expect(TransferVerifier.mismatch(in: "<fc.........|dir/a.txt") == "dir/a.txt: content differs")
        #expect(TransferVerifier.mismatch(in: "<f+++++++++|new.txt") == "new.txt: missing on the destination")
        #expect(TransferVerifier.mismatch(in: "*deleting  |old.txt") == "old.txt: only on the destination")
        #expect(TransferVerifier.mismatch(in: ".d..t......|dir/") == "dir/: modification time differs")
        #expect(TransferVerifier.mismatch(in: ".f...p.....|x") == "x: permissions differ")
        #expect(TransferVerifier.mismatch(in: "sent 1,234 bytes  received 56 bytes") == nil)
    }
}
