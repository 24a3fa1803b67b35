#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// The copy of one volume: its tree split into partitions copied by parallel rsync streams,
/// then a final pass (the directories' metadata; over the whole tree when it deletes or a
/// stream could not name everything), then the optional checksum verification.
struct VolumeCopy: Sendable {
    let entry: LocalTransferPlan.Entry
    let kind: TransferKind
    let settings: TransferSettings
    let tunnel: LocalTunnel
    let rsync: String
    let workspace: LocalWorkspace
    let logger: Logger
    let instrumentation: LocalTransfer.Instrumentation
    let streamPolicy: StreamPolicy

    func run(progress: @escaping @Sendable (VolumeTransferProgress) async -> Void) async throws -> VolumeTransferResult {
        let volume = entry.volume
        // Into an empty destination every file is new, so writing in place cannot reach another
        // name of a hard-linked file; a retry or a later pass finds files there and does not.
        let intoEmptyDestination = Self.isEmptyDirectory(volume.destinationPath)
        if !intoEmptyDestination, streamPolicy.onePassOntoExistingFiles {
            return try await runOntoExistingFiles(progress: progress)
        }
        let tree = SourceTree.walk(volume.sourcePath)
        let streamCount = streamPolicy.streams(totalBytes: tree.totalBytes, totalFiles: tree.totalFiles, configured: settings.streamsPerVolume)
        // Several parts per stream, each stream taking the next when it ends: pipelines sharing two
        // cores do not progress at the same speed, and fixed halves left one core idle at the end.
        let partitions = streamCount > 1 ? tree.partitions(count: streamCount * Self.partsPerStream) : []
        // rsync's -AX reads every file's attributes on both ends (about 1 s per 100,000 files):
        // a stage leaves them out when the walk found none; the cutover always carries them, so
        // it also removes attributes the source dropped after an earlier stage copied them.
        let attributes = entry.preservesExtendedAttributes && (kind == .cutover || tree.hasExtendedAttributes || !tree.isComplete)
        let parts = partitions.count > 1 ? partitions : []
        let destination = tunnel.moduleURL(entry.moduleName, exactLinks: tree.hasLinksNeedingChroot || !tree.isComplete)
        let streams = min(streamCount, parts.count)
        let tracker = await startTracking(
            totalBytes: tree.totalBytes, totalFiles: tree.totalFiles,
            runner: parts.isEmpty ? "rsync, one pass" : "rsync, \(streams) streams over \(parts.count) parts and a final pass", progress: progress)
        logger.debug("copying volume", metadata: ["volume": "\(volume.id)", "streams": "\(streams)", "parts": "\(parts.count)", "bytes": "\(tree.totalBytes)", "files": "\(tree.totalFiles)"])

        try await tunnel.waitUntilListening()
        var worst = RsyncExitStatus(code: 0)
        if !parts.isEmpty {
            let runs = try parts.enumerated().map { index, part in
                let base = try options(delete: false, attributes: attributes, inPlace: intoEmptyDestination, sparse: part.hasSparseFiles || !tree.isComplete)
                return (index: index, arguments: try base + streamSources(part, index: index) + [destination])
            }
            worst = try await withThrowingTaskGroup(of: RsyncExitStatus.self) { group in
                var pending = runs.makeIterator()
                func startNext() -> Bool {
                    guard let run = pending.next() else { return false }
                    group.addTask {
                        try await runWithRetries(runKey: "part-\(run.index + 1)", label: "part \(run.index + 1) of \(runs.count)", arguments: run.arguments, tracker: tracker).status
                    }
                    return true
                }
                for _ in 0..<streams { _ = startNext() }
                var worst = RsyncExitStatus(code: 0)
                for try await status in group {
                    if status.code != 0 { worst = status }
                    _ = startNext()
                }
                return worst
            }
        }
        let finalStatus = try await runWithRetries(runKey: "final", label: "final pass", arguments: try finalPass(after: parts, of: tree, attributes: attributes, into: destination, inPlace: parts.isEmpty && intoEmptyDestination),
            tracker: tracker).status
        if finalStatus.code != 0 { worst = finalStatus }

        return try await finish(attributes: attributes, destination: destination, status: worst, tracker: tracker)
    }

    /// The volume's progress, started with attempt 1 run by `runner`; it warns first when the
    /// destination keeps no extended attributes. Totals not known yet come later (`setTotals`).
    func startTracking(
        totalBytes: Int64?, totalFiles: Int?, runner: String, progress: @escaping @Sendable (VolumeTransferProgress) async -> Void
    ) async -> VolumeProgressTracker {
        let tracker = VolumeProgressTracker(id: entry.volume.id, totalBytes: totalBytes, totalFiles: totalFiles, report: progress)
        if !entry.preservesExtendedAttributes {
            await tracker.warn("the destination file system '\(entry.volume.destinationPath)' does not keep extended attributes; copied without xattrs and ACLs")
        }
        await tracker.started(runner: runner)
        return tracker
    }

    /// Verifies the copy when the volume asks for it (failing on any difference, naming the files),
    /// then reports the volume done.
    func finish(
        attributes: Bool, destination: String, status worst: RsyncExitStatus, tracker: VolumeProgressTracker
    ) async throws -> VolumeTransferResult {
        let volume = entry.volume
        var verification: VerificationReport?
        if volume.verify {
            try await instrumentation.beforeVerification(volume)
            let report = try await TransferVerifier(
                rsync: rsync, arguments: try options(delete: settings.deletes(in: kind), attributes: attributes, info: nil), source: volume.sourcePath,
                moduleURL: destination, password: tunnel.password,
                errorFile: workspace.file("\(entry.moduleName)-verify.err")
            ).compare()
            verification = report
            guard report.isClean else {
                let message = "volume '\(volume.id)': verification found \(report.mismatches.count) difference(s) between '\(volume.sourcePath)' and '\(volume.destinationPath)': \(report.summary())"
                await tracker.finished(phase: .failed, status: worst, message: message)
                throw TransferError(code: .verificationFailed, message: message, volumeID: volume.id)
            }
        }
        await tracker.finished(phase: .succeeded, status: worst, message: nil)
        return VolumeTransferResult(progress: await tracker.progress, exitStatus: worst, verification: verification)
    }

    /// The arguments of the pass after the streams (or of the only pass without streams).
    ///
    /// When it deletes, or some entry could not be listed, or there were no streams, it goes over
    /// the whole tree; it runs after every stream ended, so its deletions never race a stream's
    /// copies. Otherwise only the directories are left to set after the streams (their modes and
    /// times, which the streams' writes changed, and the empty ones), so it lists just those
    /// instead of checking every file again.
    private func finalPass(
        after streams: [SourceTree.Partition], of tree: SourceTree, attributes: Bool, into destination: String, inPlace: Bool
    ) throws -> [String] {
        let source = "\(entry.volume.sourcePath)/"
        let deletes = settings.deletes(in: kind)
        guard !streams.isEmpty, !deletes, tree.isComplete else {
            let sparse = !tree.sparseFiles.isEmpty || !tree.isComplete
            return try options(delete: deletes, attributes: attributes, inPlace: inPlace, sparse: sparse) + ["--recursive", source, destination]
        }
        let list = workspace.file("\(entry.moduleName)-directories.list")
        try Data((["."] + tree.directories).joined(separator: "\0").utf8).write(to: URL(fileURLWithPath: list))
        return try options(delete: false, attributes: attributes) + ["--from0", "--files-from=\(list)", "--ignore-missing-args", source, destination]
    }

    /// A stream's sources: its subtrees as `SOURCE/./PATH` arguments, which `--relative` recreates
    /// under the module, or for very many a NUL-separated `--files-from` list (any name survives).
    /// A path the application deleted since the walk is not an error: the final pass sees the tree as it is.
    private func streamSources(_ partition: SourceTree.Partition, index: Int) throws -> [String] {
        let common = ["--relative", "--recursive", "--ignore-missing-args"]
        // rsync's --relative cuts each argument at its first "/./", so a source path holding one needs the list.
        guard partition.paths.count > Self.maximumSourceArguments || entry.volume.sourcePath.contains("/./") else {
            return common + partition.paths.map { "\(entry.volume.sourcePath)/./\($0)" }
        }
        let list = workspace.file("\(entry.moduleName)-stream-\(index + 1).list")
        try Data(partition.paths.joined(separator: "\0").utf8).write(to: URL(fileURLWithPath: list))
        return common + ["--from0", "--files-from=\(list)", "\(entry.volume.sourcePath)/"]
    }

    /// The parts a volume's tree is cut into per stream; the heaviest go first.
    static let partsPerStream = 3

    /// More subtrees than this per stream go in a list file, well inside the kernel's argument limit.
    static let maximumSourceArguments = 512

    /// The rsync options of this volume's runs.
    ///
    /// `sparse: false` only where the walk found no sparse file among those the run copies:
    /// rsync's `--sparse` checks every byte it writes for runs of zeros (5–8% of a large
    /// copy's CPU), and without it a file that is fully allocated on the source stays so on
    /// the destination instead of getting holes wherever it holds zeros.
    func options(delete: Bool, attributes: Bool, inPlace: Bool = false, sparse: Bool = true, info: String? = "progress2") throws -> [String] {
        let options = RsyncOptions(
            bandwidthLimit: settings.bandwidthLimitKiBps, archive: settings.archive, partial: settings.partial, delete: delete,
            hardLinks: settings.hardLinks, aclsAndExtendedAttributes: attributes, sparse: sparse, inPlace: inPlace, info: info,
            extras: settings.extraOptions)
        // --stats gives the literal bytes of a run (what a resumed attempt really sent); the timeouts
        // turn a stalled tunnel into a retryable failure instead of a hang.
        return try options.arguments() + ["--stats", "--contimeout=15", "--timeout=120"]
    }

    /// Runs rsync until it succeeds, retrying connection failures with exponential backoff
    /// (up to the backoff limit) once the tunnel listens again; returns how the successful run ended.
    func runWithRetries(runKey: String, label: String, arguments: [String], tracker: VolumeProgressTracker) async throws -> RsyncProcess.Outcome {
        var attempt = 1
        var retries = 0
        var delay = settings.initialRetryDelay
        while true {
            // The run starts once the tunnel listens; a retry waits for restarted tunnel processes.
            if retries > 0 { try await tunnel.waitUntilListening() }
            // The failed attempt left files behind, so the destination is no longer empty.
            let process = RsyncProcess(
                executable: rsync, arguments: retries > 0 ? arguments.filter { $0 != "--inplace" } : arguments, password: tunnel.password,
                errorFile: workspace.file("\(entry.moduleName)-\(runKey)-\(retries + 1).err"))
            let outcome = try await process.run(progress: { await tracker.update(runKey: runKey, with: $0) })
            try Task.checkCancellation()
            if outcome.status.isSuccess {
                await tracker.runSucceeded(runKey: runKey, attempt: attempt, outcome: outcome)
                return outcome
            }
            guard Self.isRetryable(outcome), retries < settings.backoffLimit else {
                let attempts = retries + 1
                let message = "volume '\(entry.volume.id)': \(label) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(outcome.status): \(outcome.errorTail.isEmpty ? "rsync said nothing on stderr" : outcome.errorTail)"
                await tracker.finished(phase: .failed, status: outcome.status, message: message, lastAttempt: attempt)
                throw TransferError(code: .transferFailed, message: message, volumeID: entry.volume.id, exitCode: outcome.status.code)
            }
            retries += 1
            logger.warning("rsync failed; retrying", metadata: [
                "volume": "\(entry.volume.id)", "run": "\(label)", "status": "\(outcome.status)", "retry": "\(retries)", "delay": "\(delay)",
            ])
            attempt = await tracker.retrying(runKey: runKey, failedAttempt: attempt, outcome: outcome, runner: "\(label), retry \(retries)")
            try await Task.sleep(for: delay)
            delay = min(delay * 2, settings.maximumRetryDelay)
        }
    }

    /// Whether `path` is a directory with nothing in it (false when it cannot be read).
    static func isEmptyDirectory(_ path: String) -> Bool {
        DirectoryNames.read(path, limit: 1)?.isEmpty ?? false
    }

    /// Whether `outcome` is worth another attempt: a retryable exit code, or a refused start of
    /// the protocol because the far end of the tunnel was gone at that moment.
    static func isRetryable(_ outcome: RsyncProcess.Outcome) -> Bool {
        if outcome.status.isRetryable { return true }
        return outcome.status.code == 5
            && (outcome.errorTail.contains("did not see server greeting") || outcome.errorTail.contains("connection unexpectedly closed"))
    }
}
