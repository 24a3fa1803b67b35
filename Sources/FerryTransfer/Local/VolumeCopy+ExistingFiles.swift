extension VolumeCopy {
    /// A copy onto a destination that already holds files (a re-stage, the cutover): one
    /// recursive pass that starts as soon as the tunnel listens, without walking the tree first.
    ///
    /// Such a pass mostly checks what is already there, and walking the tree beside it took a
    /// core from the pass (0.3–0.4 s per 100,000 entries, out of every re-stage and out of the
    /// cutover's downtime). What the walk decides for a copy into an empty destination is decided
    /// without it:
    /// - the daemon module: the chrooted one, which keeps every link target (chroot's extra cost
    ///   is per written file, and such a pass writes few);
    /// - `-A -X`: always at cutover; on a stage when the source's root or one of its first
    ///   entries has attributes (on OpenShift volumes every file carries an SELinux label). A
    ///   stage may so leave out attributes found only deeper in the tree; the cutover carries them.
    /// - the totals: rsync's statistics at the end, and its `to-chk` counts for the percentage
    ///   on the way.
    func runOntoExistingFiles(progress: @escaping @Sendable (VolumeTransferProgress) async -> Void) async throws -> VolumeTransferResult {
        let volume = entry.volume
        let destination = tunnel.moduleURL(entry.moduleName, exactLinks: true)
        let attributes = entry.preservesExtendedAttributes && (kind == .cutover || SourceTree.probeAttributes(volume.sourcePath))
        let tracker = await startTracking(totalBytes: nil, totalFiles: nil, runner: "rsync, one pass", progress: progress)
        logger.debug("copying volume onto existing files", metadata: ["volume": "\(volume.id)", "attributes": "\(attributes)"])

        try await tunnel.waitUntilListening()
        let arguments = try options(delete: settings.deletes(in: kind), attributes: attributes) + ["--recursive", "\(volume.sourcePath)/", destination]
        let outcome = try await runWithRetries(runKey: "final", label: "pass", arguments: arguments, tracker: tracker)
        await tracker.setTotals(from: outcome.statistics)
        return try await finish(attributes: attributes, destination: destination, status: outcome.status, tracker: tracker)
    }
}
