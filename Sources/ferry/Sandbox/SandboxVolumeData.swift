import Crypto
import Foundation
import KubeClient
import KubeCore

/// The files the sandbox demo puts into the sample application's volumes, changes between
/// stage and cutover, and checks on the destination afterwards.
///
/// Sandbox volumes are hostPath directories under each cluster's state directory, so the demo
/// writes and reads them directly.
struct SandboxVolumeData {
    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let volumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")

    let namespace: String

    /// A claim of the namespace and the directory of its volume.
    struct ClaimDirectory {
        var claim: String
        var path: String
    }

    /// Every claim of the namespace on `client` with its volume's directory, once all are bound.
    func directories(on client: KubeClient, timeout: Duration = .seconds(60)) async throws -> [ClaimDirectory] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let claims = try await client.listAll(Self.claims, namespace: namespace).items
            var found: [ClaimDirectory] = []
            for claim in claims {
                guard claim[path: "status", "phase"]?.stringValue == "Bound", let volumeName = claim[path: "spec", "volumeName"]?.stringValue,
                    let path = try await client.get(Self.volumes, name: volumeName)[path: "spec", "hostPath", "path"]?.stringValue
                else { break }
                found.append(ClaimDirectory(claim: claim.name, path: path))
            }
            if !claims.isEmpty, found.count == claims.count { return found.sorted { $0.claim < $1.claim } }
            guard ContinuousClock.now < deadline else {
                throw SandboxError(code: "demo-volumes-unbound", message: "the claims of namespace \(namespace) did not all bind within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Writes each volume's files (replacing the demo's own files of an earlier run): a few MiB
    /// of data, a nested directory, a symlink, a hard link and an empty file.
    func write(into directories: [ClaimDirectory]) throws {
        let manager = FileManager.default
        for (index, directory) in directories.enumerated() {
            let root = directory.path
            // A demo run again on a kept sandbox finds its own files of the last run here.
            if manager.fileExists(atPath: "\(root)/app") { try manager.removeItem(atPath: "\(root)/app") }
            try manager.createDirectory(atPath: "\(root)/app/nested/deeper", withIntermediateDirectories: true)
            try Data("\(directory.claim): written by the sandbox demo\n".utf8).write(to: URL(fileURLWithPath: "\(root)/app/README.txt"))
            try Self.randomData(megabytes: 2 + index).write(to: URL(fileURLWithPath: "\(root)/app/nested/blob.bin"))
            try Self.randomData(megabytes: 1).write(to: URL(fileURLWithPath: "\(root)/app/nested/deeper/old.bin"))
            try Data().write(to: URL(fileURLWithPath: "\(root)/app/empty"))
            try manager.createSymbolicLink(atPath: "\(root)/app/latest", withDestinationPath: "nested/blob.bin")
            try manager.linkItem(atPath: "\(root)/app/README.txt", toPath: "\(root)/app/nested/README-hardlink.txt")
        }
    }

    /// Changes what the application would between stage and cutover: an edit, a new file, a
    /// deletion.
    func change(_ directories: [ClaimDirectory]) throws {
        for directory in directories {
            let root = directory.path
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(root)/app/README.txt"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("changed after the stage\n".utf8))
            try handle.close()
            try Self.randomData(megabytes: 1).write(to: URL(fileURLWithPath: "\(root)/app/nested/after-stage.bin"))
            try FileManager.default.removeItem(atPath: "\(root)/app/nested/deeper/old.bin")
        }
    }

    /// What the check found.
    struct Verification {
        var files: Int
        var bytes: Int64
    }

    /// Compares every source volume with the destination's claim of the same name: the sha256
    /// of every file, every symlink's target, and nothing extra; throws naming the first
    /// difference.
    func verify(source: [ClaimDirectory], destination: [ClaimDirectory]) throws -> Verification {
        var files = 0
        var bytes: Int64 = 0
        for sourceDirectory in source {
            guard let destinationDirectory = destination.first(where: { $0.claim == sourceDirectory.claim }) else {
                throw SandboxError(code: "demo-data-mismatch", message: "claim \(namespace)/\(sourceDirectory.claim) has no counterpart on the destination")
            }
            let expected = try Self.digests(of: sourceDirectory.path)
            let found = try Self.digests(of: destinationDirectory.path)
            for path in Set(expected.keys).union(found.keys).sorted() where expected[path] != found[path] {
                let problem = found[path] == nil ? "is missing" : expected[path] == nil ? "should not be there" : "differs"
                throw SandboxError(
                    code: "demo-data-mismatch",
                    message: "after the cutover \(namespace)/\(sourceDirectory.claim):\(path) \(problem) on the destination (\(destinationDirectory.path))")
            }
            for entry in expected.values {
                if case .file(_, let size) = entry {
                    files += 1
                    bytes += size
                }
            }
        }
        return Verification(files: files, bytes: bytes)
    }

    enum Entry: Equatable {
        case directory
        case file(digest: String, size: Int64)
        case symlink(String)
    }

    static func digests(of root: String) throws -> [String: Entry] {
        let manager = FileManager.default
        var entries: [String: Entry] = [:]
        for path in try manager.subpathsOfDirectory(atPath: root) {
            let full = "\(root)/\(path)"
            let attributes = try manager.attributesOfItem(atPath: full)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?:
                entries[path] = .symlink(try manager.destinationOfSymbolicLink(atPath: full))
            case .typeDirectory?:
                entries[path] = .directory
            default:
                let data = try Data(contentsOf: URL(fileURLWithPath: full))
                let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                entries[path] = .file(digest: digest, size: Int64(data.count))
            }
        }
        return entries
    }

    static func randomData(megabytes: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        var data = Data(capacity: megabytes * 1024 * 1024)
        for _ in 0..<(megabytes * 1024 * 1024 / 8) {
            withUnsafeBytes(of: generator.next() as UInt64) { data.append(contentsOf: $0) }
        }
        return data
    }
}
