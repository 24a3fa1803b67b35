import Foundation
import Synchronization

/// Which repository of each registry was last seen holding a blob, so a copy into another
/// repository can mount the blob instead of uploading it. Kept in memory, and in a file when
/// one is given so separate runs (such as several `ferry images copy`) share it. It is only a
/// hint: a mount from a repository that no longer holds the blob falls back to an upload.
public final class BlobLocationCache: Sendable {
    /// Entries beyond this many are dropped when saving, so the file stays small.
    static let maximumEntries = 50_000

    private let locations: Mutex<[String: String]>
    private let file: String?

    /// A cache kept in memory only.
    public init() {
        locations = Mutex([:])
        file = nil
    }

    /// A cache loaded from `file` (an unreadable or malformed file counts as empty) and
    /// written back by `save()`.
    public init(file: String) {
        let stored = FileManager.default.contents(atPath: file).flatMap { try? JSONDecoder().decode([String: String].self, from: $0) }
        locations = Mutex(stored ?? [:])
        self.file = file
    }

    /// The repository of `registry` last seen holding `digest`.
    func repository(holding digest: String, registry: String) -> String? {
        locations.withLock { $0[Self.key(digest, registry)] }
    }

    /// Notes that `repository` of `registry` holds `digest`.
    func record(_ digest: String, registry: String, repository: String) {
        locations.withLock { $0[Self.key(digest, registry)] = repository }
    }

    /// Writes the cache to its file, if it has one.
    public func save() throws {
        guard let file else { return }
        var snapshot = locations.withLock { $0 }
        if snapshot.count > Self.maximumEntries {
            snapshot = Dictionary(uniqueKeysWithValues: snapshot.prefix(Self.maximumEntries).map { ($0.key, $0.value) })
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try JSONEncoder().encode(snapshot).write(to: URL(fileURLWithPath: file), options: .atomic)
    }

    private static func key(_ digest: String, _ registry: String) -> String { "\(registry) \(digest)" }
}
