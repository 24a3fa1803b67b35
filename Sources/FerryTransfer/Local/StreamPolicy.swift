import Foundation

/// How many parallel rsync streams a volume is copied with, chosen from its walk.
///
/// Streams only pay where rsync's per-file work is small next to its data work: on large
/// files several streams keep more cores busy, while on many small files each stream's
/// `--files-from` list (read one byte per `read()`), the extra protocol sessions and the
/// final pass cost more than the parallelism gains. So a small volume, or one whose average
/// file is small, gets one recursive pass; otherwise the configured number, at most one
/// stream per core (docs/TRANSFER.md gives the measurements behind the thresholds).
struct StreamPolicy: Sendable {
    /// The cores streams can use; streams beyond them only compete for the same CPU.
    var processorCount: Int
    /// Volumes with fewer data bytes get one stream.
    var minimumVolumeBytes: Int64
    /// Volumes whose average regular file has fewer bytes get one stream.
    var minimumAverageFileBytes: Int64

    /// The thresholds measured on the local plane, bounded by this machine's cores.
    static let measured = StreamPolicy(
        processorCount: ProcessInfo.processInfo.activeProcessorCount, minimumVolumeBytes: 64 << 20, minimumAverageFileBytes: 1 << 20)

    /// Exactly the configured number of streams, whatever the tree (tests use it to exercise streams on small trees).
    static let asConfigured = StreamPolicy(processorCount: .max, minimumVolumeBytes: 0, minimumAverageFileBytes: 0)

    /// The number of streams for a volume of `totalBytes` in `totalFiles` files, at most `configured`.
    func streams(totalBytes: Int64, totalFiles: Int, configured: Int) -> Int {
        let limit = max(1, min(configured, processorCount))
        guard limit > 1, totalBytes >= minimumVolumeBytes else { return 1 }
        let averageFileBytes = totalFiles > 0 ? totalBytes / Int64(totalFiles) : 0
        guard averageFileBytes >= minimumAverageFileBytes else { return 1 }
        return limit
    }
}
