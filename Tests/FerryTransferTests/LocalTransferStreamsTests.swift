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

    @Test("a large volume copied into an empty destination gets the configured streams, at most one per core, small files or large; a small one, or one onto existing files, gets one")
    func streamCountFollowsTheTree() {
        let policy = StreamPolicy(processorCount: 2, minimumVolumeBytes: 64 << 20, minimumFiles: 10_000)
        // 100,000 files of 8 KiB: each stream is a whole pipeline, so two keep both cores busy.
        #expect(policy.streams(totalBytes: 100_000 * 8192, totalFiles: 100_000, configured: 4) == 2)
        // 8 files of 256 MiB: capped at the two cores.
        #expect(policy.streams(totalBytes: 8 << 28, totalFiles: 8, configured: 4) == 2)
        #expect(policy.streams(totalBytes: 8 << 28, totalFiles: 8, configured: 1) == 1)
        // Small in bytes and in files: not worth a second stream.
        #expect(policy.streams(totalBytes: 32 << 20, totalFiles: 4, configured: 4) == 1)
        #expect(policy.streams(totalBytes: 5_000 * 8192, totalFiles: 5_000, configured: 4) == 1)
        #expect(policy.streams(totalBytes: 1 << 30, totalFiles: 1, configured: 4) == 1)
        #expect(policy.streams(totalBytes: 0, totalFiles: 0, configured: 4) == 1)
        #expect(StreamPolicy.asConfigured.streams(totalBytes: 10, totalFiles: 10, configured: 4) == 4)
        // Onto files already there (a re-stage, the cutover) one pass checks them fastest
        // (restageIsOnePassWithTotals runs it); the tests' policy keeps streams there too.
        #expect(policy.onePassOntoExistingFiles)
        #expect(!StreamPolicy.asConfigured.onePassOntoExistingFiles)
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

    @Test("a re-stage onto existing files is one pass through the link-keeping module; rsync's statistics give the totals", .timeLimit(.minutes(1)))
    func restageIsOnePassWithTotals() async throws {
        let fixture = try LocalTransferFixture("restage")
        defer { fixture.remove() }
        try await fixture.shell("for d in 1 2 3; do mkdir d$d; for f in $(seq 1 40); do head -c $((f * 53)) /dev/urandom > d$d/f$f; done; done; ln -s /etc/hostname d1/absolute; ln d1/f1 d2/hard")
        let policy = StreamPolicy(processorCount: 2, minimumVolumeBytes: 0, minimumFiles: 0)
        let first = try await fixture.transfer(.stage, streamPolicy: policy)
        #expect(first.progress.attempts.first?.runner?.contains("2 streams") == true)
        try await fixture.shell("head -c 999 /dev/urandom > d3/new && rm d2/f7 && ln -sf ../d3/new d1/relative")

        let second = try await fixture.transfer(.stage, streamPolicy: policy)
        #expect(second.progress.attempts.first?.runner == "rsync, one pass")
        // rsync counts names: 120 files and a hard link to one of them, a file added and one
        // deleted; two symlinks.
        #expect(second.progress.totalFiles == 123)
        let perDirectory: Int64 = (1...40).map { Int64($0 * 53) }.reduce(0, +)
        // rsync's total size also counts each symlink's target ("/etc/hostname", "../d3/new").
        #expect(second.progress.totalBytes == 3 * perDirectory + 53 - 7 * 53 + 999 + 13 + 9)
        #expect(second.progress.phase == .succeeded && second.progress.percent == 100)
        try await fixture.transfer(.cutover, streamPolicy: policy)
        let source = try await TreeManifest.read(fixture.source)
        let copied = try await TreeManifest.read(fixture.destination)
        #expect(copied.entries["d1/absolute"] != nil && copied.entries["d2/f7"] == nil)
        #expect(source.differences(from: copied).isEmpty, "\(source.differences(from: copied).prefix(5))")
    }

    @Test("partitions are whole subtrees covering every entry once, balanced, with a hard-link group in one stream")
    func partitionsAreBalancedSubtrees() {
        var tree = SourceTree()
        tree.directories = ["logs", "db", "db/base", "db/base/1", "db/base/2", "db/global", "empty"]
        tree.units = [
            .init(paths: ["db/base/1/a"], bytes: 40_000), .init(paths: ["db/base/1/b"], bytes: 40_000),
            .init(paths: ["db/base/2/c"], bytes: 30_000), .init(paths: ["db/base/2/d", "logs/d-link"], bytes: 30_000),
            .init(paths: ["db/global/e"], bytes: 10_000), .init(paths: ["db/PG_VERSION"], bytes: 10),
            .init(paths: ["logs/1"], bytes: 5_000), .init(paths: ["README"], bytes: 100),
        ]
        let partitions = tree.partitions(count: 2)
        #expect(partitions.count == 2)
        let roots = partitions.flatMap(\.paths)
        // Every file lies under exactly one root, and no root lies inside another.
        for path in tree.units.flatMap(\.paths) {
            let owners = roots.filter { path == $0 || path.hasPrefix("\($0)/") }
            #expect(owners.count == 1, "\(path) lies under \(owners)")
        }
        #expect(!roots.contains { root in roots.contains { $0 != root && root.hasPrefix("\($0)/") } }, "\(roots)")
        #expect(roots.contains("empty"))
        // The heavy directory was split below its top; the light top-level file stays one root.
        #expect(!roots.contains("db") && roots.contains("README"))
        // The hard-linked pair's roots are in one partition.
        #expect(partitions.contains { partition in
            partition.paths.contains { "db/base/2/d".hasPrefix($0) } && partition.paths.contains { "logs/d-link".hasPrefix($0) }
        })
        #expect(partitions.map(\.bytes).reduce(0, +) == 155_110)
        // Balanced within the heaviest single root (db/base/1/a or b, 40 KB and 4 KiB per file).
        let weights = partitions.map(\.weight)
        #expect(weights.max()! - weights.min()! <= 40_000 + SourceTree.perFileWeight, "\(partitions)")
    }

    @Test("a walk over several threads finds what one thread finds, hard-link groups spanning directories joined", .timeLimit(.minutes(1)))
    func parallelWalkMatchesSerialWalk() async throws {
        let fixture = try LocalTransferFixture("walk")
        defer { fixture.remove() }
        try await fixture.shell("for d in a b c d e; do mkdir -p $d/inner; for f in 1 2 3; do head -c $((f * 100)) /dev/urandom > $d/inner/f$f; done; done; ln a/inner/f1 e/inner/link-a; ln a/inner/f1 c/link-a; ln -s /etc/hostname b/absolute; echo top > top.txt")
        let serial = SourceTree.walk(fixture.source, threads: 1)
        let parallel = SourceTree.walk(fixture.source, threads: 4)
        #expect(parallel.totalFiles == serial.totalFiles && serial.totalFiles == 17)
        #expect(parallel.totalBytes == serial.totalBytes)
        #expect(Set(parallel.directories) == Set(serial.directories))
        #expect(parallel.hasLinksNeedingChroot && serial.hasLinksNeedingChroot)
        let groups = { (tree: SourceTree) in Set(tree.units.map { Set($0.paths) }) }
        #expect(groups(parallel) == groups(serial))
        #expect(groups(parallel).contains(["a/inner/f1", "e/inner/link-a", "c/link-a"]))
    }

    @Test("only the partition holding a sparse file is marked for --sparse; the walk finds sparse files and not allocated ones", .timeLimit(.minutes(1)))
    func sparseFilesMarkTheirPartition() async throws {
        var tree = SourceTree()
        tree.directories = ["images", "logs"]
        tree.units = [.init(paths: ["images/disk.img"], bytes: 1 << 30), .init(paths: ["logs/app.log"], bytes: 1 << 30)]
        tree.sparseFiles = ["images/disk.img"]
        let partitions = tree.partitions(count: 2)
        #expect(partitions.count == 2)
        let marked = partitions.filter(\.hasSparseFiles)
        #expect(marked.count == 1 && marked[0].paths.contains { "images/disk.img" == $0 || "images/disk.img".hasPrefix("\($0)/") }, "\(partitions)")

        let fixture = try LocalTransferFixture("sparse-walk")
        defer { fixture.remove() }
        try await fixture.shell("mkdir a && truncate -s 8M a/holes.img && head -c 65536 /dev/zero > zeros.bin && printf x > tiny.txt && ln a/holes.img a/same.img")
        let walked = SourceTree.walk(fixture.source)
        // The hard-linked pair is one file, named by whichever name the walk met first.
        #expect(walked.sparseFiles.count == 1 && ["a/holes.img", "a/same.img"].contains(walked.sparseFiles.first ?? ""), "\(walked.sparseFiles)")
    }

    @Test("a flat directory of thousands of files splits evenly, every path once")
    func manyRootsStayBounded() {
        var tree = SourceTree()
        tree.units = (0..<5_000).map { .init(paths: ["file-\($0)"], bytes: 100) }
        let partitions = tree.partitions(count: 2, maximumRoots: 64)
        #expect(partitions.count == 2)
        #expect(Set(partitions.flatMap(\.paths)).count == 5_000)
        #expect(abs(partitions[0].paths.count - partitions[1].paths.count) <= 1)
    }

    @Test("link targets an rsync daemon without chroot would rewrite are told from those it keeps")
    func linkTargetsNeedingChroot() {
        #expect(SourceTree.targetSurvivesSanitizing("data/file", linkDepth: 0))
        #expect(SourceTree.targetSurvivesSanitizing("../sibling/file", linkDepth: 1))
        #expect(SourceTree.targetSurvivesSanitizing("../../top", linkDepth: 2))
        #expect(SourceTree.targetSurvivesSanitizing("dir/", linkDepth: 0))
        #expect(SourceTree.targetSurvivesSanitizing("does-not-exist", linkDepth: 3))
        #expect(!SourceTree.targetSurvivesSanitizing("/etc/hostname", linkDepth: 5))
        #expect(!SourceTree.targetSurvivesSanitizing("../outside", linkDepth: 0))
        #expect(!SourceTree.targetSurvivesSanitizing("a/../b", linkDepth: 3))
        #expect(!SourceTree.targetSurvivesSanitizing("./here", linkDepth: 1))
        #expect(!SourceTree.targetSurvivesSanitizing("a//b", linkDepth: 1))
        #expect(!SourceTree.targetSurvivesSanitizing("", linkDepth: 1))
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
