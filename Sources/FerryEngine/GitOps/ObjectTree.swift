public import KubeCore
import Foundation
import KubeClient

/// A directory holding one pretty-printed JSON file per Kubernetes object, laid out as
/// `<namespace or _cluster>/<resource>.<group>/<name>.json`, so that a repository of them
/// reviews well object by object.
public struct ObjectTree: Sendable, Hashable {
    /// One object and the file it came from or went to, relative to the root.
    public struct Entry: Sendable, Hashable {
        /// The path below the root, such as `shop/deployments.apps/web.json`.
        public var path: String
        /// The object.
        public var object: KubeObject

        /// Creates an entry.
        public init(path: String, object: KubeObject) {
            self.path = path
            self.object = object
        }
    }

    /// The directory name used for cluster-scoped objects.
    public static let clusterDirectory = "_cluster"

    /// The root directory.
    public var root: String

    /// A tree rooted at `root`.
    public init(root: String) {
        self.root = root
    }

    /// The path of `object` below a root: its namespace (or `_cluster`), then
    /// `resourceDirectory` (`deployments.apps`, or `configmaps` for the core group), then
    /// `<name>.json`.
    public static func path(of object: KubeObject, resourceDirectory: String) -> String {
        let namespace = object.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? clusterDirectory
        return "\(namespace)/\(resourceDirectory)/\(object.name).json"
    }

    /// The directory of `path`'s resource (its second component), such as `deployments.apps`.
    public static func resourceDirectory(ofPath path: String) -> String? {
        let components = path.split(separator: "/")
        return components.count == 3 ? String(components[1]) : nil
    }

    /// Writes each entry's object to `root/<entry.path>` as pretty JSON. Secrets are
    /// readable by the owner only, since their values are merely base64-encoded.
    public func write(_ entries: [Entry]) throws(ObjectTreeError) {
        for entry in entries {
            let isSecret = entry.object.kind == "Secret" && entry.object.groupVersion.group.isEmpty
            try write(Array((entry.object.json.serializedString(pretty: true) + "\n").utf8), to: entry.path, ownerOnly: isSecret)
        }
    }

    /// Writes `bytes` to `root/<path>`, creating directories as needed; `ownerOnly` makes
    /// the file readable by its owner alone.
    public func write(_ bytes: [UInt8], to path: String, ownerOnly: Bool = false) throws(ObjectTreeError) {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
            if ownerOnly { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path) }
        } catch {
            throw ObjectTreeError(.writeFailed, "cannot write \(url.path): \(error.localizedDescription); check the output directory's permissions")
        }
    }

    /// Reads every `.json`, `.yaml` and `.yml` file below the root (a file may hold several
    /// documents), in path order.
    public func read() throws(ObjectTreeError) -> [Entry] {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ObjectTreeError(.noObjects, "\(root) is not a directory; give the directory written by `ferry export` or `ferry transform`")
        }
        let files = (FileManager.default.enumerator(atPath: rootURL.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var entries: [Entry] = []
        for path in files {
            let url = rootURL.appendingPathComponent(path)
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw ObjectTreeError(.invalidFile, "cannot read \(url.path): \(error.localizedDescription)")
            }
            let objects: [KubeObject]
            do {
                objects = try Manifests.decode(text, source: url.path)
            } catch {
                throw ObjectTreeError(.invalidFile, "\(url.path) is not a Kubernetes object: \(error); fix or remove the file")
            }
            for object in objects {
                guard !object.apiVersion.isEmpty, !object.kind.isEmpty, !object.name.isEmpty else {
                    throw ObjectTreeError(.invalidFile, "\(url.path) holds an object without apiVersion, kind or metadata.name; fix or remove the file")
                }
                entries.append(Entry(path: path, object: object))
            }
        }
        return entries
    }
}
