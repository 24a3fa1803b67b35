#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Subprocess

/// Everything the copy must keep about a tree, path by path: type, mode, owner, size, mtime,
/// link target, hard-link group, extended attributes, allocated blocks and a SHA-256 of the data.
struct TreeManifest: Equatable {
    struct Entry: Equatable, CustomStringConvertible {
        var type: String
        var mode: UInt32
        var uid: UInt32
        var gid: UInt32
        var size: Int64
        var modified: Int
        var linkTarget: String?
        /// The first path (sorted) of the entry's hard-link group, for files with more than one link.
        var hardLinkGroup: String?
        var extendedAttributes: [String: [UInt8]]
        /// Allocated 512-byte blocks, recorded only for files meant to stay sparse.
        var blocks: Int64?
        var sha256: String?

        var description: String {
            "\(type) mode \(String(mode, radix: 8)) \(uid):\(gid) size \(size) mtime \(modified) link \(linkTarget ?? "-") group \(hardLinkGroup ?? "-") xattrs \(extendedAttributes.keys.sorted()) blocks \(blocks.map(String.init) ?? "-") sha \(sha256?.prefix(12) ?? "-")"
        }
    }

    var entries: [String: Entry]

    /// Reads `root`; `sparsePaths` get their allocated blocks recorded (rounded to 64 KiB, the
    /// granularity file systems allocate with, so "still sparse" is what is compared).
    static func read(_ root: String, sparsePaths: Set<String> = []) async throws -> TreeManifest {
        var entries: [String: Entry] = [:]
        var inodes: [UInt64: [String]] = [:]
        var pending = [""]
        while let relative = pending.popLast() {
            for name in try FileManager.default.contentsOfDirectory(atPath: relative.isEmpty ? root : "\(root)/\(relative)") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                var info = stat()
                guard lstat("\(root)/\(path)", &info) == 0 else { throw ProcessFailure(description: "lstat \(path) failed: errno \(errno)") }
                let kind = info.st_mode & S_IFMT
                var entry = Entry(
                    type: kind == S_IFDIR ? "dir" : kind == S_IFLNK ? "link" : kind == S_IFREG ? "file" : "other",
                    mode: UInt32(info.st_mode & 0o7777), uid: info.st_uid, gid: info.st_gid,
                    size: kind == S_IFREG ? Int64(info.st_size) : 0,
                    // Directories' and links' times too: rsync keeps both.
                    modified: info.st_mtim.tv_sec, linkTarget: nil, hardLinkGroup: nil,
                    extendedAttributes: kind == S_IFLNK ? [:] : ExtendedAttributes.read("\(root)/\(path)"))
                switch kind {
                case S_IFDIR: pending.append(path)
                case S_IFLNK: entry.linkTarget = try FileManager.default.destinationOfSymbolicLink(atPath: "\(root)/\(path)")
                default:
                    if info.st_nlink > 1 { inodes[UInt64(info.st_ino), default: []].append(path) }
                    if sparsePaths.contains(path) { entry.blocks = (Int64(info.st_blocks) + 127) / 128 }
                }
                entries[path] = entry
            }
        }
        for paths in inodes.values {
            let group = paths.sorted()[0]
            for path in paths { entries[path]?.hardLinkGroup = group }
        }
        for (path, digest) in try await digests(root) { entries[path]?.sha256 = digest }
        return TreeManifest(entries: entries)
    }

    /// The paths whose entries differ (or exist on one side only), each with both descriptions.
    func differences(from other: TreeManifest) -> [String] {
        Set(entries.keys).union(other.entries.keys).sorted().compactMap { path in
            let mine = entries[path]
            let theirs = other.entries[path]
            guard mine != theirs else { return nil }
            return "\(path):\n  source      \(mine.map(String.init(describing:)) ?? "missing")\n  destination \(theirs.map(String.init(describing:)) ?? "missing")"
        }
    }

    /// SHA-256 of every regular file, from one `sha256sum` over a NUL-separated list.
    private static func digests(_ root: String) async throws -> [String: String] {
        let result = try await Subprocess.run(
            .path("/bin/sh"), arguments: ["-c", "cd \"$0\" && find . -type f -print0 | xargs -0 -r sha256sum -z", root],
            output: .string(limit: 64 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else {
            throw ProcessFailure(description: "sha256sum in \(root) failed: \(result.standardError)")
        }
        let output = result.standardOutput
        var digests: [String: String] = [:]
        for record in output.split(separator: "\0") where record.count > 68 {
            // "<64 hex>  ./path"
            let digest = String(record.prefix(64))
            digests[String(record.dropFirst(68))] = digest
        }
        return digests
    }
}

/// Extended attributes through the C library (Glibc's module map leaves out sys/xattr.h).
enum ExtendedAttributes {
    private typealias List = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<CChar>?, Int) -> Int
    private typealias Get = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
    private typealias SetAttribute = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeRawPointer, Int, Int32) -> Int32

    private static func symbol<T>(_ name: String, as type: T.Type) -> T {
        unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)!, to: type)
    }

    /// Removes `name` from `path`; false when it was not there or the file system refuses.
    static func remove(_ name: String, from path: String) -> Bool {
        typealias Remove = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>) -> Int32
        return symbol("removexattr", as: Remove.self)(path, name) == 0
    }

    /// Sets `name` on `path`; false when the file system refuses.
    static func set(_ name: String, _ value: [UInt8], on path: String) -> Bool {
        symbol("setxattr", as: SetAttribute.self)(path, name, value, value.count, 0) == 0
    }

    /// The `user.` attributes of `path` (other namespaces depend on the file system and privileges).
    static func read(_ path: String) -> [String: [UInt8]] {
        let list = symbol("listxattr", as: List.self)
        let get = symbol("getxattr", as: Get.self)
        let size = list(path, nil, 0)
        guard size > 0 else { return [:] }
        var names = [CChar](repeating: 0, count: size)
        guard list(path, &names, size) == size else { return [:] }
        var attributes: [String: [UInt8]] = [:]
        for nameBytes in names.split(separator: 0) {
            let name = String(decoding: nameBytes.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard name.hasPrefix("user.") else { continue }
            let length = get(path, name, nil, 0)
            guard length >= 0 else { continue }
            var value = [UInt8](repeating: 0, count: length)
            _ = value.withUnsafeMutableBytes { get(path, name, $0.baseAddress, length) }
            attributes[name] = value
        }
        return attributes
    }
}
