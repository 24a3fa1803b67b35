extension VolumeCopy {
    /// A copy onto a destination that already holds files (a re-stage, the cutover): one
    /// recursive pass that starts as soon as the tunnel listens, with the walk beside it.
    ///
    /// Such a pass mostly checks what is already there, so the walk (0.3–0.4 s per 100,000
    /// entries) is no longer waited for: that time came out of every re-stage and out of the
    /// cutover's downtime. What the walk decided before the copy is decided without it:
    /// - the daemon module: the chrooted one, which keeps every link target (chroot's extra cost
    ///   is per written file, and such a pass writes few);
    /// - `-A -X`: always at cutover; on a stage when the source's root or one of its first
    ///   entries has attributes (on OpenShift volumes every file carries an SELinux label), and
    ///   otherwise by a second pass with them if the walk, when done, found some after all.
    /// The walk still gives progress its totals and the verification its entry count.
    func runOntoExistingFiles(progress: @escaping @Sendable (VolumeTransferProgress) async -> Void) async throws -> VolumeTransferResult {
        let volume = entry.volume
        let source = "\(volume.sourcePath)/"
        let deletes = settings.deletes(in: kind)
        let destination = tunnel.moduleURL(entry.moduleName, exactLinks: true)
        let attributesFromStart = entry.preservesExtendedAttributes && (kind == .cutover || SourceTree.probeAttributes(volume.sourcePath))
        let tracker = await startTracking(totalBytes: nil, totalFiles: nil, runner: "rsync, one pass", progress: progress)
        logger.debug("copying volume onto existing files", metadata: ["volume": "\(volume.id)", "attributes": "\(attributesFromStart)"])

        let passArguments = try options(delete: deletes, attributes: attributesFromStart) + ["--recursive", source, destination]
        var walked: SourceTree?
        var worst = RsyncExitStatus(code: 0)
        try await withThrowingTaskGroup(of: WalkOrPass.self) { group in
            group.addTask {
                // One thread: the pass's processes have the other core.
                let tree = SourceTree.walk(volume.sourcePath, threads: 1)
                await tracker.setTotals(bytes: tree.totalBytes, files: tree.totalFiles)
                return .walk(tree)
            }
            group.addTask {
                try await tunnel.waitUntilListening()
                return .pass(try await runWithRetries(runKey: "final", label: "pass", arguments: passArguments, tracker: tracker))
            }
            for try await result in group {
                switch result {
                case .walk(let tree): walked = tree
                case .pass(let status): worst = status
                }
            }
        }
        let tree = walked ?? SourceTree()
        var attributes = attributesFromStart
        if !attributesFromStart, entry.preservesExtendedAttributes, tree.hasExtendedAttributes || !tree.isComplete {
            attributes = true
            let status = try await runWithRetries(
                runKey: "attributes", label: "pass with extended attributes",
                arguments: try options(delete: deletes, attributes: true) + ["--recursive", source, destination], tracker: tracker)
            if status.code != 0 { worst = status }
        }
        return try await finish(tree: tree, attributes: attributes, destination: destination, status: worst, tracker: tracker)
    }

    private enum WalkOrPass: Sendable {
        case walk(SourceTree)
        case pass(RsyncExitStatus)
    }
}
