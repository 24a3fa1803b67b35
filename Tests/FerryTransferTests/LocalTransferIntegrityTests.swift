#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import FerryTransfer
import Foundation
import Testing

/// The local plane keeps every kind of file, owner, mode, time, link and attribute through
/// stage, changes, stage and cutover; compared by a metadata-and-checksum manifest.
@Suite("Local transfer integrity", .enabled(if: TransferProcesses.rsync != nil && TransferProcesses.stunnel != nil, TransferProcesses.skipReason))
struct LocalTransferIntegrityTests {
    static let isRoot = getuid() == 0

    /// Every case the copy must keep (owners only as root).
    static let initialTree = """
        set -e
        printf 'private\\n' > private.txt && chmod 0600 private.txt
        printf '#!/bin/sh\\necho hi\\n' > tool.sh && chmod 0755 tool.sh
        mkdir shared && chmod 1777 shared && printf 'x' > shared/inside.txt
        : > empty-file
        mkdir empty-dir
        printf 'spaced\\n' > 'with space.txt'
        printf 'unicode\\n' > 'ünïcødé-ファイル.txt'
        printf 'dash\\n' > ./-leading-dash.txt
        deep=.; for i in $(seq 1 30); do deep="$deep/level-$i"; done; mkdir -p "$deep" && printf 'deep\\n' > "$deep/leaf.txt"
        head -c 100000 /dev/urandom > original.bin && mkdir links && ln original.bin links/hard.bin
        ln -s 'with space.txt' relative-link
        # Only a chrooted (root) rsync daemon keeps an absolute target as it is.
        if [ "$(id -u)" = 0 ]; then ln -s /etc/hostname absolute-link; fi
        ln -s nowhere/missing dangling-link
        truncate -s 64M sparse.img && head -c 4096 /dev/urandom | dd of=sparse.img bs=4096 seek=16383 conv=notrunc status=none
        printf 'same size A\\n' > edit-same-size.txt
        printf 'gone soon\\n' > to-delete.txt
        printf 'rename me\\n' > rename-me.txt
        printf 'mode\\n' > chmod-me.txt && chmod 0644 chmod-me.txt
        printf 'owner\\n' > chown-me.txt
        if [ "$(id -u)" = 0 ]; then chown 1234:5678 chown-me.txt private.txt; fi
        for i in $(seq 1 40); do printf "small $i\\n" > "shared/small-$i.txt"; done
        touch -h -d '2020-01-02 03:04:05' relative-link
        find . -exec touch -h -d '2021-06-07 08:09:10' {} +
        """

    /// Adds, same-size edits, deletes, renames, mode and owner changes, a new hard link.
    static let changes = """
        set -e
        mkdir -p added && printf 'new\\n' > added/new.txt
        printf 'same size B\\n' > edit-same-size.txt && touch -d '2022-02-02 02:02:02' edit-same-size.txt
        rm to-delete.txt
        mv rename-me.txt renamed.txt
        chmod 0600 chmod-me.txt
        if [ "$(id -u)" = 0 ]; then chown 4321:8765 chown-me.txt; fi
        ln original.bin links/second-hard.bin
        rm shared/small-7.txt && printf 'changed 8 with other size\\n' > shared/small-8.txt
        """

    /// Parallel streams over parts of the tree, and one recursive pass.
    static let streamsAndOnePass = [StreamPolicy.asConfigured, StreamPolicy(processorCount: 1, minimumVolumeBytes: 0, minimumFiles: 0)]

    @Test(
        "stage, change, stage, cutover (over parallel streams, and as one recursive pass): the destination equals the source by metadata and checksum",
        .timeLimit(.minutes(2)),
        arguments: Self.streamsAndOnePass)
    func integrityAcrossStagesAndCutover(streamPolicy: StreamPolicy) async throws {
        let fixture = try LocalTransferFixture("integrity")
        defer { fixture.remove() }
        try await fixture.shell(Self.initialTree)
        let xattrs = ExtendedAttributes.set("user.ferry", Array("1".utf8), on: "\(fixture.source)/tool.sh")
        let sparse: Set<String> = ["sparse.img"]

        let first = try await fixture.transfer(.stage, streamPolicy: streamPolicy)
        #expect(first.progress.attempts.first?.runner?.contains("one pass") == (streamPolicy.processorCount == 1), "\(first.progress.attempts)")
        try await fixture.shell(Self.changes)
        try await fixture.transfer(.stage, streamPolicy: streamPolicy)
        #expect(FileManager.default.fileExists(atPath: "\(fixture.destination)/to-delete.txt"), "a stage deletes nothing")
        #expect(FileManager.default.fileExists(atPath: "\(fixture.destination)/rename-me.txt"), "a stage keeps the old name of a renamed file")
        let result = try await fixture.transfer(.cutover, streamPolicy: streamPolicy)
        #expect(result.progress.phase == .succeeded)
        #expect(result.exitStatus.outcome == .success)

        let source = try await TreeManifest.read(fixture.source, sparsePaths: sparse)
        let destination = try await TreeManifest.read(fixture.destination, sparsePaths: sparse)
        let differences = source.differences(from: destination)
        #expect(differences.isEmpty, "differences:\n\(differences.joined(separator: "\n"))")
        // The manifest really holds what it is meant to compare.
        #expect(source.entries.count > 90)
        let sparseEntry = try #require(destination.entries["sparse.img"])
        #expect(sparseEntry.size == 64 << 20 && (sparseEntry.blocks ?? 99) <= 1, "the sparse file stays sparse: \(sparseEntry)")
        #expect(destination.entries["links/second-hard.bin"]?.hardLinkGroup == "links/hard.bin")
        #expect(destination.entries["dangling-link"]?.linkTarget == "nowhere/missing")
        if Self.isRoot { #expect(destination.entries["absolute-link"]?.linkTarget == "/etc/hostname") }
        #expect(destination.entries["shared"]?.mode == 0o1777)
        if Self.isRoot { #expect(destination.entries["chown-me.txt"]?.uid == 4321 && destination.entries["private.txt"]?.gid == 5678) }
        if xattrs { #expect(destination.entries["tool.sh"]?.extendedAttributes["user.ferry"] == Array("1".utf8)) }
        #expect(destination.entries["to-delete.txt"] == nil && destination.entries["rename-me.txt"] == nil)

        // The comparison is not vacuous: one byte changed at the destination, size and time kept, shows.
        let edited = "\(fixture.destination)/edit-same-size.txt"
        let times = try FileManager.default.attributesOfItem(atPath: edited)[.modificationDate] as? Date
        try Data("same size C\n".utf8).write(to: URL(fileURLWithPath: edited))
        try FileManager.default.setAttributes([.modificationDate: try #require(times)], ofItemAtPath: edited)
        let tampered = try await TreeManifest.read(fixture.destination, sparsePaths: sparse)
        let found = source.differences(from: tampered)
        #expect(found.count == 1 && found.first?.hasPrefix("edit-same-size.txt:") == true, "\(found)")
    }

    @Test(
        "a file of zeros the source holds fully allocated arrives allocated, not full of holes, when no sparse file travels with it",
        .timeLimit(.minutes(1)),
        arguments: Self.streamsAndOnePass)
    func allocatedZerosStayAllocated(streamPolicy: StreamPolicy) async throws {
        let fixture = try LocalTransferFixture("allocated")
        defer { fixture.remove() }
        try await fixture.shell("mkdir db logs && head -c 1048576 /dev/zero > db/preallocated.wal && head -c 4096 /dev/urandom > logs/app.log")
        var source = stat()
        #expect(lstat("\(fixture.source)/db/preallocated.wal", &source) == 0)
        try #require(Int64(source.st_blocks) * 512 >= 1 << 20, "the temporary directory's file system made holes of the zeros itself")

        try await fixture.transfer(.stage, streamPolicy: streamPolicy)
        var copied = stat()
        #expect(lstat("\(fixture.destination)/db/preallocated.wal", &copied) == 0)
        #expect(copied.st_size == 1 << 20)
        #expect(Int64(copied.st_blocks) * 512 >= 1 << 20, "the allocated file stays allocated: \(copied.st_blocks) blocks")
    }

    @Test("a file deleted at the source stays at the destination after a stage and is gone after the cutover", .timeLimit(.minutes(1)))
    func deletesOnlyAtCutover() async throws {
        let fixture = try LocalTransferFixture("deletes")
        defer { fixture.remove() }
        try fixture.write("keep.txt", "keep\n")
        try fixture.write("nested/drop.txt", "drop\n")
        try await fixture.transfer(.stage)
        try FileManager.default.removeItem(atPath: "\(fixture.source)/nested/drop.txt")

        try await fixture.transfer(.stage)
        #expect(FileManager.default.fileExists(atPath: "\(fixture.destination)/nested/drop.txt"))
        try await fixture.transfer(.cutover)
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.destination)/nested/drop.txt"))
        #expect(FileManager.default.contents(atPath: "\(fixture.destination)/keep.txt") == Data("keep\n".utf8))
    }

    @Test("a same-size edit within the same second as the stage's copy still reaches the destination at cutover", .timeLimit(.minutes(1)))
    func sameSecondEditIsCopied() async throws {
        let fixture = try LocalTransferFixture("same-second")
        defer { fixture.remove() }
        let path = "\(fixture.source)/table.dat"
        let second = Date(timeIntervalSince1970: 1_790_000_000)
        try fixture.write("table.dat", "row=1\n")
        try FileManager.default.setAttributes([.modificationDate: second.addingTimeInterval(0.1)], ofItemAtPath: path)
        try await fixture.transfer(.stage)
        try fixture.write("table.dat", "row=2\n")
        try FileManager.default.setAttributes([.modificationDate: second.addingTimeInterval(0.6)], ofItemAtPath: path)

        try await fixture.transfer(.cutover)
        #expect(FileManager.default.contents(atPath: "\(fixture.destination)/table.dat") == Data("row=2\n".utf8))
    }

    @Test("a hard link the source broke after a stage is broken on the destination too; neither name takes the other's data", .timeLimit(.minutes(1)))
    func brokenHardLinkSeparates() async throws {
        let fixture = try LocalTransferFixture("broken-link")
        defer { fixture.remove() }
        try fixture.write("first.dat", "original content\n")
        try await fixture.shell("ln first.dat second.dat")
        // Into the empty destination: written in place, the pair arrives linked.
        try await fixture.transfer(.stage, streamPolicy: .measured)
        #expect(try await TreeManifest.read(fixture.destination).entries["second.dat"]?.hardLinkGroup != nil)
        try await fixture.shell("rm second.dat && printf 'replaced content\\n' > second.dat")

        try await fixture.transfer(.stage, streamPolicy: .measured)
        #expect(FileManager.default.contents(atPath: "\(fixture.destination)/first.dat") == Data("original content\n".utf8))
        #expect(FileManager.default.contents(atPath: "\(fixture.destination)/second.dat") == Data("replaced content\n".utf8))
        let source = try await TreeManifest.read(fixture.source)
        let copied = try await TreeManifest.read(fixture.destination)
        #expect(source.differences(from: copied).isEmpty, "\(source.differences(from: copied))")
    }

    @Test("the walk finds whether a tree has attributes; the cutover removes an attribute the source dropped after a stage copied it", .timeLimit(.minutes(1)))
    func attributesFollowTheSource() async throws {
        let fixture = try LocalTransferFixture("attributes")
        defer { fixture.remove() }
        try fixture.write("plain.txt", "plain\n")
        try fixture.write("nested/tagged.txt", "tagged\n")
        #expect(!SourceTree.walk(fixture.source).hasExtendedAttributes)
        let tagged = "\(fixture.source)/nested/tagged.txt"
        guard ExtendedAttributes.set("user.ferry", Array("1".utf8), on: tagged), ExtendedAttributeProbe.supports(directory: fixture.directory) else { return }
        #expect(SourceTree.walk(fixture.source).hasExtendedAttributes)
        let copied = "\(fixture.destination)/nested/tagged.txt"
        try await fixture.transfer(.stage, streamPolicy: .measured)
        #expect(ExtendedAttributes.read(copied)["user.ferry"] == Array("1".utf8))

        #expect(ExtendedAttributes.remove("user.ferry", from: tagged))
        try await fixture.transfer(.stage, streamPolicy: .measured)
        try await fixture.transfer(.cutover, streamPolicy: .measured)
        #expect(ExtendedAttributes.read(copied).isEmpty)
        let source = try await TreeManifest.read(fixture.source)
        let destination = try await TreeManifest.read(fixture.destination)
        #expect(source.differences(from: destination).isEmpty, "\(source.differences(from: destination))")
    }

    @Test("an attribute on a file past the stage walk's probes of its directory still arrives, by the cutover at the latest", .timeLimit(.minutes(1)))
    func attributeDeepInADirectoryArrivesByCutover() async throws {
        let fixture = try LocalTransferFixture("attribute-deep")
        defer { fixture.remove() }
        let probes = TreeWalker.attributeProbesPerDirectory
        for index in 0..<(probes * 3) { try fixture.write("many/file-\(index).txt", "content \(index)\n") }
        // The walk meets names in readdir order; the entry at twice the probe count lies past them.
        let names = try #require(DirectoryNames.read("\(fixture.source)/many"))
        let tagged = "\(fixture.source)/many/\(names[probes * 2])"
        guard ExtendedAttributes.set("user.ferry", Array("deep".utf8), on: tagged), ExtendedAttributeProbe.supports(directory: fixture.directory) else { return }
        #expect(!SourceTree.walk(fixture.source).hasExtendedAttributes, "the walk looks at only the first \(probes) files of a directory")

        try await fixture.transfer(.stage, streamPolicy: .measured)
        try await fixture.transfer(.cutover, streamPolicy: .measured)
        #expect(ExtendedAttributes.read("\(fixture.destination)/many/\(names[probes * 2])")["user.ferry"] == Array("deep".utf8))
    }

    @Test("verification names a destination file whose content differs at equal size and mtime", .timeLimit(.minutes(1)))
    func verificationCatchesSameSizeChange() async throws {
        let fixture = try LocalTransferFixture("verify")
        defer { fixture.remove() }
        for index in 0..<20 { try fixture.write("dir/file-\(index).txt", "content \(index)\n") }
        let destination = fixture.destination
        let clean = try await fixture.transfer(.cutover, verify: true)
        #expect(clean.verification?.mismatches == [])
        #expect((clean.verification?.filesCompared ?? 0) >= 21)

        // Between the copy and the verification, one byte of one file changes; size and mtime stay.
        var instrumentation = LocalTransfer.Instrumentation()
        instrumentation.beforeVerification = { _ in
            let path = "\(destination)/dir/file-3.txt"
            let time = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
            try Data("content X\n".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: path)
        }
        let error = await #expect(throws: TransferError.self) {
            try await fixture.transfer(.cutover, verify: true, instrumentation: instrumentation)
        }
        #expect(error?.code == .verificationFailed)
        #expect(error?.volumeID == "shop/data")
        #expect(error?.message.contains("dir/file-3.txt: content differs") == true, "\(String(describing: error))")
    }
}
