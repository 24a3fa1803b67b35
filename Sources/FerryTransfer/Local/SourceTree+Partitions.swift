extension SourceTree {
    /// The paths one rsync stream copies (each recursively, relative to the volume's root) and
    /// their data bytes.
    struct Partition: Sendable, Equatable {
        var paths: [String] = []
        var bytes: Int64 = 0
        var weight: Int64 = 0
        /// Whether one of its files is sparse (its stream then writes with `--sparse`).
        var hasSparseFiles = false
    }

    /// What a file weighs beyond its bytes when balancing streams: rsync's per-file work.
    static let perFileWeight: Int64 = 4096

    /// Splits the tree into at most `count` partitions of about equal weight, heaviest first, each
    /// a set of subtrees (and loose files) a stream copies recursively.
    ///
    /// Subtrees rather than file lists: rsync reads a `--files-from` list one byte per system
    /// call and then handles every listed file on its own, while a directory argument costs one
    /// name. The top-level entries are the first candidates; the heaviest directory is replaced
    /// by its children until no candidate weighs more than a quarter of a stream's share (or
    /// `maximumRoots` would be passed), so the partitions can balance. Every path of a hard-link
    /// group ends in one partition, so rsync's `--hard-links` sees the whole group. Empty
    /// partitions are dropped; the directories above the chosen subtrees are the final pass's.
    func partitions(count: Int, maximumRoots: Int = 2048) -> [Partition] {
        let weights = subtreeWeights()
        let share = max(1, weights.total / Int64(max(1, count) * 4))
        var roots = children(of: "", in: weights)
        while roots.count < maximumRoots,
              let heaviest = roots.indices.filter({ weights.isDirectory(roots[$0]) && weights.weight(of: roots[$0]) > share })
                  .max(by: { weights.weight(of: roots[$0]) < weights.weight(of: roots[$1]) }) {
            let expanded = children(of: roots[heaviest], in: weights)
            guard !expanded.isEmpty, roots.count - 1 + expanded.count <= maximumRoots else { break }
            roots.remove(at: heaviest)
            roots += expanded
        }

        // Roots joined by a hard-link group travel together.
        var groups = RootGroups(roots: roots)
        for unit in units where unit.paths.count > 1 {
            let owners = unit.paths.compactMap { groups.root(containing: $0) }
            for owner in owners.dropFirst() { groups.join(owners[0], owner) }
        }

        var partitions = (0..<max(1, count)).map { _ in Partition() }
        let heaviestFirst = groups.groups().map { $0.sorted() }.sorted {
            let (first, second) = (weights.weight(of: $0), weights.weight(of: $1))
            return first != second ? first > second : $0.lexicographicallyPrecedes($1)
        }
        var partitionOfRoot: [String: Int] = [:]
        for group in heaviestFirst {
            let lightest = partitions.indices.min(by: { partitions[$0].weight < partitions[$1].weight })!
            partitions[lightest].paths += group
            partitions[lightest].bytes += group.reduce(0) { $0 + weights.bytes(of: $1) }
            partitions[lightest].weight += weights.weight(of: group)
            for root in group { partitionOfRoot[root] = lightest }
        }
        for path in sparseFiles {
            if let root = groups.root(containing: path), let partition = partitionOfRoot[roots[root]] {
                partitions[partition].hasSparseFiles = true
            } else {
                // Every file lies below some root; should one not, no stream may lose its holes.
                for index in partitions.indices { partitions[index].hasSparseFiles = true }
            }
        }
        return partitions.filter { !$0.paths.isEmpty }.sorted { $0.weight > $1.weight }
    }

    /// The direct children of `directory` ("" is the root), files and directories.
    private func children(of directory: String, in weights: SubtreeWeights) -> [String] {
        weights.children[directory, default: []]
    }

    /// Bytes, weight and children of every entry, directories summing their contents.
    private func subtreeWeights() -> SubtreeWeights {
        var weights = SubtreeWeights(capacity: units.count + directories.count)
        for directory in directories {
            weights.addDirectory(directory)
        }
        // The walk lists a directory's files one after another, so they are gathered per
        // directory and handed over together: one lookup per directory instead of per file.
        var files = SubtreeWeights.DirectoryFiles()
        for unit in units {
            for (index, path) in unit.paths.enumerated() {
                let parent = SubtreeWeights.parent(of: path)
                if parent != files.directory {
                    weights.add(files)
                    files = SubtreeWeights.DirectoryFiles(directory: parent)
                }
                // A hard-link group's data counts once, with its first path.
                let bytes = index == 0 ? unit.bytes : 0
                files.add(path, bytes: bytes, weight: bytes + Self.perFileWeight)
            }
        }
        weights.add(files)
        weights.sumDirectories()
        return weights
    }
}

/// Each subtree's totals, filled from the walk's entries.
struct SubtreeWeights {
    var children: [String: [String]] = [:]
    private var totals: [String: (bytes: Int64, weight: Int64)] = [:]
    /// Per directory, the sums of the files directly in it, until `sumDirectories` spreads them up.
    private var directFiles: [String: (bytes: Int64, weight: Int64)] = [:]
    private var directorySet: Set<String> = []
    private(set) var total: Int64 = 0

    /// Files (and symlinks, and other non-directories) of one directory, with their own bytes
    /// and weights, gathered before they are added.
    struct DirectoryFiles {
        var directory: Substring = ""
        var paths: [String] = []
        var totals: [(bytes: Int64, weight: Int64)] = []
        var bytes: Int64 = 0
        var weight: Int64 = 0

        mutating func add(_ path: String, bytes: Int64, weight: Int64) {
            paths.append(path)
            totals.append((bytes, weight))
            self.bytes += bytes
            self.weight += weight
        }
    }

    init(capacity: Int) {
        totals.reserveCapacity(capacity)
    }

    mutating func addDirectory(_ path: String) {
        children[String(Self.parent(of: path)), default: []].append(path)
        directorySet.insert(path)
    }

    /// Adds one directory's files.
    mutating func add(_ files: DirectoryFiles) {
        guard !files.paths.isEmpty else { return }
        let directory = String(files.directory)
        children[directory, default: []] += files.paths
        for (path, sums) in zip(files.paths, files.totals) { totals[path] = sums }
        total += files.weight
        guard !directory.isEmpty else { return }
        let old = directFiles[directory] ?? (0, 0)
        directFiles[directory] = (old.bytes + files.bytes, old.weight + files.weight)
    }

    /// Adds each directory's files to it and to every directory above it: once per directory
    /// rather than once per file and level, since a volume has far fewer directories than files.
    mutating func sumDirectories() {
        for (directory, sums) in directFiles {
            var current = Substring(directory)
            while true {
                let key = String(current)
                let old = totals[key] ?? (0, 0)
                totals[key] = (old.bytes + sums.bytes, old.weight + sums.weight)
                guard let slash = current.lastIndex(of: "/") else { break }
                current = current[..<slash]
            }
        }
        directFiles = [:]
    }

    func isDirectory(_ path: String) -> Bool { directorySet.contains(path) }
    func weight(of path: String) -> Int64 { totals[path]?.weight ?? 0 }
    func bytes(of path: String) -> Int64 { totals[path]?.bytes ?? 0 }
    func weight(of paths: [String]) -> Int64 { paths.reduce(0) { $0 + weight(of: $1) } }

    /// The directory holding `path` ("" for the root's entries); searched in UTF-8, since a
    /// search by Character would split every name into grapheme clusters.
    static func parent(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return path[..<slash]
    }
}

/// Partition candidates merged into groups (union-find) when a hard-link group spans them.
struct RootGroups {
    private var index: [String: Int] = [:]
    private var parent: [Int]
    private let roots: [String]

    init(roots: [String]) {
        self.roots = roots
        parent = Array(roots.indices)
        for (position, root) in roots.enumerated() { index[root] = position }
    }

    /// The candidate `path` lies in (itself or its nearest listed ancestor).
    func root(containing path: String) -> Int? {
        var current = Substring(path)
        while true {
            if let found = index[String(current)] { return found }
            guard let slash = current.lastIndex(of: "/") else { return nil }
            current = current[..<slash]
        }
    }

    mutating func join(_ first: Int, _ second: Int) {
        let (a, b) = (find(first), find(second))
        if a != b { parent[b] = a }
    }

    mutating func groups() -> [[String]] {
        var grouped: [Int: [String]] = [:]
        for position in roots.indices { grouped[find(position), default: []].append(roots[position]) }
        return Array(grouped.values)
    }

    private mutating func find(_ position: Int) -> Int {
        var current = position
        while parent[current] != current {
            parent[current] = parent[parent[current]]
            current = parent[current]
        }
        return current
    }
}
