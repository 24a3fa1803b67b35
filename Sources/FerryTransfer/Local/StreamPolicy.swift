import Foundation

/// How many parallel rsync streams a volume is copied with, chosen from its walk.
///
/// Each stream is a whole rsync pipeline (sender, generator, receiver, both tunnel ends), so
/// a second stream keeps the second core busy whether the files are large or small; beyond
/// one stream per core they only compete for the same CPU. A small volume, in bytes and in
/// files, is not worth the extra protocol sessions and the final pass: it gets one recursive
/// pass. So does every copy onto a destination that already holds files (a re-stage, the
/// cutover): most of such a pass is checking what is already there, one pipeline's sender and
/// generator already keep two cores busy with it, and each extra session only adds its
/// start-up (docs/TRANSFER.md gives the measurements behind the thresholds).
struct StreamPolicy: Sendable {
    /// The cores streams can use; streams beyond them only compete for the same CPU.
    var processorCount: Int
    /// Volumes with fewer data bytes and fewer files get one stream.
    var minimumVolumeBytes: Int64
    /// Volumes with fewer files and fewer data bytes get one stream.
    var minimumFiles: Int

    /// The thresholds measured on the local plane, bounded by this machine's cores.
    static let measured = StreamPolicy(
        processorCount: ProcessInfo.processInfo.activeProcessorCount, minimumVolumeBytes: 64 << 20, minimumFiles: 10_000)

    /// Exactly the configured number of streams, whatever the tree (tests use it to exercise streams on small trees).
    static let asConfigured: StreamPolicy = {
        var policy = StreamPolicy(processorCount: .max, minimumVolumeBytes: 0, minimumFiles: 0)
        policy.onePassOntoExistingFiles = false
        return policy
    }()

    /// Whether copies onto a destination that already holds files get one pass (measured: yes);
    /// `VolumeCopy` then runs that pass without walking the tree instead of asking for a stream count.
    var onePassOntoExistingFiles = true

    /// The number of streams for a volume of `totalBytes` in `totalFiles` files, at most `configured`.
    func streams(totalBytes: Int64, totalFiles: Int, configured: Int) -> Int {
        let limit = max(1, min(configured, processorCount))
        guard limit > 1, totalBytes >= minimumVolumeBytes || totalFiles >= minimumFiles, totalFiles > 1 else { return 1 }
        return limit
    }
}
