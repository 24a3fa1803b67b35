#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension SourceTree {
    /// Walks `root` with `lstat`; entries whose names are not UTF-8 are left to the final pass.
    ///
    /// The root's own entries are read first; its subdirectories are then walked on `threads`
    /// threads (each a share of them) and the results merged, hard-link groups that span shares
    /// joined. The walk runs while the tunnel starts, and on 100,000 files it was what the first
    /// rsync waited for.
    static func walk(_ root: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> SourceTree {
        var top = TreeWalker(root: root)
        top.noteAttributes(of: root)
        let subdirectories = top.read(directory: "")
        let threads = min(max(1, threads), subdirectories.count)
        guard threads > 1 else {
            top.walk(from: subdirectories)
            return top.tree
        }
        let shares = (0..<threads).map { share in stride(from: share, to: subdirectories.count, by: threads).map { subdirectories[$0] } }
        let results = WalkResults(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { share in
            var walker = TreeWalker(root: root)
            walker.walk(from: shares[share])
            results.store(walker, at: share)
        }
        for walker in results.walkers() { top.absorb(walker) }
        return top.tree
    }
}

extension SourceTree {
    /// Whether `root` itself or one of its first `entries` entries has extended attributes or
    /// an ACL (or that could not be found out): a look at the top instead of a whole walk.
    static func probeAttributes(_ root: String, entries: Int = 64) -> Bool {
        var probe = TreeWalker(root: root)
        probe.noteAttributes(of: root)
        guard !probe.tree.hasExtendedAttributes, let names = DirectoryNames.read(root, limit: entries) else { return true }
        for name in names {
            probe.noteAttributes(of: "\(root)/\(name)")
            if probe.tree.hasExtendedAttributes { return true }
        }
        return false
    }
}

/// One thread's part of a walk: the entries below the directories it was given.
struct TreeWalker: Sendable {
    let root: String
    var tree = SourceTree()
    /// The unit of every hard-linked inode met so far.
    var hardLinks: [SourceTree.HardLinkKey: Int] = [:]

    init(root: String) {
        self.root = root
    }

    /// Reads every directory below `pending`, depth first.
    mutating func walk(from pending: [String]) {
        var pending = pending
        while let relative = pending.popLast() {
            pending += read(directory: relative)
        }
    }

    /// Adds the entries of one directory ("" is the root) and returns its subdirectories.
    mutating func read(directory relative: String) -> [String] {
        let directoryPath = relative.isEmpty ? root : "\(root)/\(relative)"
        guard let directory = opendir(directoryPath) else {
            tree.isComplete = false
            return []
        }
        defer { closedir(directory) }
        // Entries are looked up in their directory (fstatat on its descriptor), not by a path the
        // kernel resolves from the root again for every one of them.
        let descriptor = dirfd(directory)
        var subdirectories: [String] = []
        var filesProbed = 0
        while let entry = readdir(directory) {
            let isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            var info = stat()
            let name: String? = {
                let cName = DirectoryNames.name(of: entry)
                guard let name = String(validatingCString: cName) else { return nil }
                guard name != ".", name != ".." else { return name }
                // A directory needs no stat: what it holds is read next. d_type may be
                // DT_UNKNOWN on some file systems; then the stat tells.
                if !isDirectory, fstatat(descriptor, cName, &info, AT_SYMLINK_NOFOLLOW) != 0 { return nil }
                return name
            }()
            guard let name else {
                tree.isComplete = false
                continue
            }
            guard name != ".", name != ".." else { continue }
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            if !tree.hasExtendedAttributes, isDirectory || filesProbed < Self.attributeProbesPerDirectory {
                if !isDirectory { filesProbed += 1 }
                noteAttributes(of: "\(root)/\(path)")
            }
            switch isDirectory ? S_IFDIR : info.st_mode & S_IFMT {
            case S_IFDIR:
                subdirectories.append(path)
                tree.directories.append(path)
            case S_IFREG where info.st_nlink > 1:
                let key = SourceTree.HardLinkKey(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                if let index = hardLinks[key] {
                    tree.units[index].paths.append(path)
                } else {
                    hardLinks[key] = tree.units.count
                    addFile(path, info)
                }
            case S_IFREG:
                addFile(path, info)
            case S_IFLNK:
                if !tree.hasLinksNeedingChroot {
                    tree.hasLinksNeedingChroot = !SourceTree.linkSurvivesSanitizing(at: "\(root)/\(path)", relativePath: path)
                }
                tree.add(.init(paths: [path], bytes: 0))
            default:
                // Devices, fifos, sockets: no data, one entry each.
                tree.add(.init(paths: [path], bytes: 0))
            }
        }
        return subdirectories
    }

    /// Adds a regular file, noting whether it is sparse.
    private mutating func addFile(_ path: String, _ info: stat) {
        // st_blocks counts 512-byte units on every file system; compressed files look sparse
        // too, which only costs their stream the zero scan.
        if Int64(info.st_blocks) * 512 < Int64(info.st_size) { tree.sparseFiles.append(path) }
        tree.add(.init(paths: [path], bytes: Int64(info.st_size)))
    }

    /// Entries whose attributes a stage looks at, besides every directory: the first this many
    /// files of each directory. Attributes are usually on every file (SELinux labels) or on
    /// none; one call per file cost 0.1 s per 100,000 files before the copy could start, and the
    /// cutover, which always carries `-A -X`, brings any that only files further down have.
    static let attributeProbesPerDirectory = 32

    /// Checked until the first entry that has any: one cheap call per probed entry of a tree without.
    /// -1 (not supported, unreadable) counts as having some: rsync then decides.
    mutating func noteAttributes(of path: String) {
        guard !tree.hasExtendedAttributes else { return }
        guard let listAttributes = Self.listAttributes else {
            tree.hasExtendedAttributes = true
            return
        }
        if path.withCString({ listAttributes($0, nil, 0) }) != 0 { tree.hasExtendedAttributes = true }
    }

    /// Merges another share's entries; a hard-link group met by both becomes one unit.
    mutating func absorb(_ other: TreeWalker) {
        var keyOfUnit: [Int: SourceTree.HardLinkKey] = [:]
        for (key, index) in other.hardLinks { keyOfUnit[index] = key }
        for (index, unit) in other.tree.units.enumerated() {
            guard let key = keyOfUnit[index] else {
                tree.add(unit)
                continue
            }
            if let mine = hardLinks[key] {
                tree.units[mine].paths += unit.paths
            } else {
                hardLinks[key] = tree.units.count
                tree.add(unit)
            }
        }
        tree.directories += other.tree.directories
        tree.sparseFiles += other.tree.sparseFiles
        tree.isComplete = tree.isComplete && other.tree.isComplete
        tree.hasExtendedAttributes = tree.hasExtendedAttributes || other.tree.hasExtendedAttributes
        tree.hasLinksNeedingChroot = tree.hasLinksNeedingChroot || other.tree.hasLinksNeedingChroot
    }

    private static let listAttributes = ExtendedAttributeProbe.attributeLister()
}

/// The walkers of a parallel walk, each stored by its own thread.
private final class WalkResults: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [TreeWalker?]

    init(count: Int) {
        stored = Array(repeating: nil, count: count)
    }

    func store(_ walker: TreeWalker, at index: Int) {
        lock.withLock { stored[index] = walker }
    }

    func walkers() -> [TreeWalker] {
        lock.withLock { stored.compactMap { $0 } }
    }
}
