#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A volume's source tree, walked once with `lstat`: what the streams carry and the totals
/// progress is measured against.
struct SourceTree: Sendable {
    /// A set of paths that must travel in the same rsync stream: one file, or every path of
    /// a hard-link group so rsync's `--hard-links` sees the whole group.
    struct Unit: Sendable {
        var paths: [String]
        /// Data bytes (a hard-link group's data once).
        var bytes: Int64
    }

    /// Files and symlinks, grouped; directories are not listed (the final pass makes them).
    var units: [Unit] = []
    /// Bytes of regular files, hard-linked data once.
    var totalBytes: Int64 = 0
    /// Regular files (hard-linked once) and symlinks.
    var totalFiles = 0
    /// The directories below the root.
    var directories: [String] = []
    /// Whether every entry could be named (UTF-8 names, readable directories); when not, only a
    /// pass over the whole tree copies everything.
    var isComplete = true
    /// Whether some probed entry (the root, every directory, the first files of each) has
    /// extended attributes or an ACL, or that could not be found out; a stage of a tree without
    /// any leaves rsync's costly `-AX` out.
    var hasExtendedAttributes = false
    /// Whether some symlink's target is one an rsync daemon without chroot would rewrite
    /// (absolute, escaping with `..`, or not in clean form); only the chrooted module keeps those.
    var hasLinksNeedingChroot = false
    /// Regular files with fewer blocks allocated than their size holds (a hard-link group once):
    /// only the streams that carry one need rsync's `--sparse`, which scans every byte written.
    var sparseFiles: [String] = []

    mutating func add(_ unit: Unit) {
        units.append(unit)
        totalBytes += unit.bytes
        totalFiles += 1
    }

    struct HardLinkKey: Hashable {
        var device: UInt64
        var inode: UInt64
    }
}
