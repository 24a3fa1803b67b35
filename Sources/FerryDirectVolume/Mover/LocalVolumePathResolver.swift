import Foundation
public import KubeCore

/// Finds the directory on this machine that holds a PersistentVolume's data, when there is one:
/// `spec.hostPath.path` or `spec.local.path` that exists as a directory, or the export of
/// `spec.nfs` when it is mounted here (looked up in the mount table).
///
/// The local data plane copies such volumes with processes on this machine; volumes it cannot
/// reach go to transfer pods.
public struct LocalVolumePathResolver: Sendable {
    /// Where a volume's data is, as far as this machine can tell.
    public enum Location: Sendable, Hashable {
        /// The data is in this directory.
        case directory(String)
        /// This machine cannot reach the data, for the reason given.
        case unreachable(String)

        /// The directory, when reachable.
        public var path: String? {
            if case .directory(let path) = self { return path }
            return nil
        }
    }

    /// The mount table read for NFS volumes (`/proc/self/mountinfo` format).
    public var mountInfoPath: String

    /// Creates a resolver reading mounts from `mountInfoPath`.
    public init(mountInfoPath: String = "/proc/self/mountinfo") {
        self.mountInfoPath = mountInfoPath
    }

    /// Where the data of PersistentVolume `volume` is.
    public func locate(_ volume: KubeObject) -> Location {
        if let path = volume[path: "spec", "hostPath", "path"]?.stringValue {
            return existingDirectory(path, source: "hostPath")
        }
        if let path = volume[path: "spec", "local", "path"]?.stringValue {
            return existingDirectory(path, source: "local")
        }
        if let server = volume[path: "spec", "nfs", "server"]?.stringValue, let path = volume[path: "spec", "nfs", "path"]?.stringValue {
            guard let mounted = nfsDirectory(server: server, path: path) else {
                return .unreachable("NFS export \(server):\(path) is not mounted on this machine")
            }
            return existingDirectory(mounted, source: "NFS \(server):\(path)")
        }
        return .unreachable("PersistentVolume \(volume.name) is neither hostPath, local nor NFS")
    }

    private func existingDirectory(_ path: String, source: String) -> Location {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .unreachable("\(source) directory \(path) does not exist on this machine")
        }
        return .directory(path)
    }

    /// The local directory of `server:path`: the mount point of an NFS mount of that export (or
    /// of a directory above it) followed by the rest of the path.
    func nfsDirectory(server: String, path: String) -> String? {
        guard let table = try? String(contentsOfFile: mountInfoPath, encoding: .utf8) else { return nil }
        let wanted = Self.normalized(path)
        var best: (mountPoint: String, rest: String, exportLength: Int)?
        for line in table.split(separator: "\n") {
            guard let mount = MountInfoEntry(line: String(line)), mount.fileSystemType.hasPrefix("nfs") else { continue }
            guard let colon = mount.source.lastIndex(of: ":") else { continue }
            let mountServer = String(mount.source[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            guard mountServer == server.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) else { continue }
            // The mount shows `root` of the export at the mount point.
            let export = Self.normalized(String(mount.source[mount.source.index(after: colon)...]) + "/" + mount.root)
            let rest: String
            if wanted == export {
                rest = ""
            } else if export == "/" {
                rest = wanted
            } else if wanted.hasPrefix(export + "/") {
                rest = String(wanted.dropFirst(export.count))
            } else {
                continue
            }
            if export.count > (best?.exportLength ?? -1) {
                best = (mount.mountPoint, rest, export.count)
            }
        }
        guard let best else { return nil }
        return best.rest.isEmpty ? best.mountPoint : Self.normalized(best.mountPoint + "/" + best.rest)
    }

    /// `path` without repeated or trailing slashes.
    static func normalized(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return "/" + parts.joined(separator: "/")
    }
}

/// One line of `/proc/self/mountinfo`.
struct MountInfoEntry: Hashable {
    /// The directory within the file system shown at the mount point.
    var root: String
    /// Where it is mounted.
    var mountPoint: String
    /// `nfs`, `nfs4`, `ext4`, …
    var fileSystemType: String
    /// For NFS, `server:/export`.
    var source: String

    /// Parses `line`; nil when it is not a mountinfo line.
    init?(line: String) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count >= 10, let separator = fields.firstIndex(of: "-"), separator >= 6, separator + 2 < fields.count else { return nil }
        root = Self.unescaped(fields[3])
        mountPoint = Self.unescaped(fields[4])
        fileSystemType = fields[separator + 1]
        source = Self.unescaped(fields[separator + 2])
    }

    /// The kernel writes space, tab, newline and backslash as octal escapes (`\040`).
    static func unescaped(_ field: String) -> String {
        guard field.contains("\\") else { return field }
        var bytes: [UInt8] = []
        let utf8 = Array(field.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count,
                let value = UInt8(String(decoding: utf8[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
