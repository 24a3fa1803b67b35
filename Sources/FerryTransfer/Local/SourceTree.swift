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
    /// Every entry below the root, directories included.
    var entryCount = 0
    /// The directories below the root.
    var directories: [String] = []
    /// Whether every entry could be named (UTF-8 names, readable directories); when not, only a
    /// pass over the whole tree copies everything.
    var isComplete = true
    /// Whether some entry (the root included) has extended attributes or an ACL, or that could
    /// not be found out; a stage of a tree without any leaves rsync's costly `-AX` out.
    var hasExtendedAttributes = false

    /// Walks `root`; entries whose names are not UTF-8 are left to the final pass.
    static func walk(_ root: String) -> SourceTree {
        var tree = SourceTree()
        var hardLinks: [HardLinkKey: Int] = [:]
        var pending = [""]
        let listAttributes = ExtendedAttributeProbe.attributeLister()
        // Checked until the first entry that has any: one cheap call per entry of a tree without.
        func noteAttributes(of path: UnsafePointer<CChar>) {
            guard !tree.hasExtendedAttributes else { return }
            guard let listAttributes else {
                tree.hasExtendedAttributes = true
                return
            }
            // -1 (not supported, unreadable) counts as having some: rsync then decides.
            if listAttributes(path, nil, 0) != 0 { tree.hasExtendedAttributes = true }
        }
        root.withCString { noteAttributes(of: $0) }
        while let relative = pending.popLast() {
            let directoryPath = relative.isEmpty ? root : "\(root)/\(relative)"
            guard let directory = opendir(directoryPath) else {
                tree.isComplete = false
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                    String(validatingCString: buffer.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                guard let name else {
                    tree.isComplete = false
                    continue
                }
                guard name != ".", name != ".." else { continue }
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                var info = stat()
                // One C string for both calls: the walk makes two system calls per entry.
                let found = "\(root)/\(path)".withCString { fullPath in
                    guard lstat(fullPath, &info) == 0 else { return false }
                    noteAttributes(of: fullPath)
                    return true
                }
                guard found else {
                    tree.isComplete = false
                    continue
                }
                tree.entryCount += 1
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(path)
                    tree.directories.append(path)
                case S_IFREG where info.st_nlink > 1:
                    let key = HardLinkKey(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                    if let index = hardLinks[key] {
                        tree.units[index].paths.append(path)
                    } else {
                        hardLinks[key] = tree.units.count
                        tree.add(Unit(paths: [path], bytes: Int64(info.st_size)))
                    }
                case S_IFREG:
                    tree.add(Unit(paths: [path], bytes: Int64(info.st_size)))
                default:
                    // Symlinks, devices, fifos, sockets: no data, one entry each.
                    tree.add(Unit(paths: [path], bytes: 0))
                }
            }
        }
        return tree
    }

    private mutating func add(_ unit: Unit) {
        units.append(unit)
        totalBytes += unit.bytes
        totalFiles += 1
    }

    /// Splits the units into at most `count` partitions of about equal weight (largest first
    /// into the lightest partition); each file also weighs a fixed per-file cost, so many
    /// small files spread as evenly as a few large ones. Empty partitions are dropped.
    func partitions(count: Int) -> [Partition] {
        var partitions = (0..<max(1, count)).map { _ in Partition() }
        let perFileCost: Int64 = 4096
        for unit in units.sorted(by: { $0.bytes > $1.bytes }) {
            let lightest = partitions.indices.min(by: { partitions[$0].weight < partitions[$1].weight })!
            partitions[lightest].paths += unit.paths
            partitions[lightest].bytes += unit.bytes
            partitions[lightest].weight += unit.bytes + perFileCost
        }
        return partitions.filter { !$0.paths.isEmpty }
    }

    /// The paths one rsync stream copies and their data bytes.
    struct Partition: Sendable {
        var paths: [String] = []
        var bytes: Int64 = 0
        var weight: Int64 = 0
    }

    private struct HardLinkKey: Hashable {
        var device: UInt64
        var inode: UInt64
    }
}
