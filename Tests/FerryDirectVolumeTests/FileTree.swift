import Foundation

/// A directory tree as the tests compare it: every regular file's bytes, every symlink's
/// target, every directory, and which files share an inode.
struct FileTree: Equatable, CustomStringConvertible {
    enum Entry: Equatable {
        case directory
        case file(Data)
        case symlink(String)
    }

    var entries: [String: Entry]
    /// Groups of paths that are hard links of one file.
    var hardLinks: Set<Set<String>>

    /// Reads the tree under `root`.
    init(reading root: String) throws {
        let manager = FileManager.default
        var entries: [String: Entry] = [:]
        var inodes: [UInt64: Set<String>] = [:]
        let paths = try manager.subpathsOfDirectory(atPath: root)
        for path in paths {
            let full = "\(root)/\(path)"
            let attributes = try manager.attributesOfItem(atPath: full)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?:
                entries[path] = .symlink(try manager.destinationOfSymbolicLink(atPath: full))
            case .typeDirectory?:
                entries[path] = .directory
            default:
                entries[path] = .file(try Data(contentsOf: URL(fileURLWithPath: full)))
                if let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value {
                    inodes[inode, default: []].insert(path)
                }
            }
        }
        // rsync's partial directory and work files never count.
        self.entries = entries.filter { !$0.key.hasPrefix(".rsync-partial") && !$0.key.contains("/.rsync-partial") }
        self.hardLinks = Set(inodes.values.filter { $0.count > 1 })
    }

    /// The first difference from `other`, named by path.
    func difference(from other: FileTree) -> String? {
        for path in Set(entries.keys).union(other.entries.keys).sorted() {
            switch (entries[path], other.entries[path]) {
            case (nil, _): return "\(path) is missing"
            case (_, nil): return "\(path) should not be there"
            case (let mine?, let theirs?) where mine != theirs: return "\(path) differs"
            default: continue
            }
        }
        if hardLinks != other.hardLinks { return "hard links differ: \(hardLinks) vs \(other.hardLinks)" }
        return nil
    }

    var description: String { "\(entries.count) entries" }

    /// Writes a tree with a nested directory, a symlink, a hard link, an empty file and
    /// `megabytes` MiB of random data under `root`.
    static func populate(_ root: String, megabytes: Int = 2) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: "\(root)/nested/deeper", withIntermediateDirectories: true)
        try Data("hello from the source\n".utf8).write(to: URL(fileURLWithPath: "\(root)/greeting.txt"))
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<(megabytes * 1024 * 1024)).map { _ in UInt8.random(in: 0...255, using: &random) }
        try Data(bytes).write(to: URL(fileURLWithPath: "\(root)/nested/blob.bin"))
        try Data("deep\n".utf8).write(to: URL(fileURLWithPath: "\(root)/nested/deeper/leaf.txt"))
        try Data().write(to: URL(fileURLWithPath: "\(root)/empty"))
        try manager.createSymbolicLink(atPath: "\(root)/link-to-greeting", withDestinationPath: "greeting.txt")
        try manager.linkItem(atPath: "\(root)/greeting.txt", toPath: "\(root)/nested/hard-link.txt")
    }
}
