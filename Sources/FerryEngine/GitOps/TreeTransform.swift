import KubeCore

/// Runs the cleaning pipeline over an exported object tree and writes the result for
/// review: `resources/` (the objects to create), `patches/` (an RFC 6902 patch per object,
/// from the exported object to the one created) and `dropped.txt` (what is not created,
/// and why).
public struct TreeTransform: Sendable {
    /// What a transform wrote.
    public struct Summary: Sendable, Hashable {
        /// Paths below `resources/` of the objects to create.
        public var resources: [String]
        /// One line per dropped object: `<path>: <transform>: <reason>`.
        public var dropped: [String]
    }

    /// The pipeline to run.
    public var pipeline: TransformPipeline

    /// Creates a transform running `pipeline`.
    public init(pipeline: TransformPipeline = .standard) {
        self.pipeline = pipeline
    }

    /// Transforms every object of `source` and writes the result below `output`. Every
    /// exported object counts as migrated, so owner references between them are kept;
    /// `context.migratedUIDs` adds to those.
    public func run(source: ObjectTree, output: ObjectTree, context: MigrationTransformContext) throws(ObjectTreeError) -> Summary {
        let entries = try source.read()
        guard !entries.isEmpty else {
            throw ObjectTreeError(.noObjects, "\(source.root) holds no exported objects; run `ferry export` into it first")
        }
        var context = context
        context.migratedUIDs.formUnion(entries.compactMap(\.object.uid))
        var summary = Summary(resources: [], dropped: [])
        for entry in entries {
            var object = entry.object
            if let (transform, reason) = pipeline.apply(&object, context: context) {
                summary.dropped.append("\(entry.path): \(transform): \(reason)")
                continue
            }
            let directory = ObjectTree.resourceDirectory(ofPath: entry.path) ?? Self.fallbackDirectory(of: object)
            let path = ObjectTree.path(of: object, resourceDirectory: directory)
            try output.write([ObjectTree.Entry(path: "resources/\(path)", object: object)])
            let patch = JSONPatch.diff(from: entry.object.json, to: object.json)
            let isSecret = object.kind == "Secret" && object.groupVersion.group.isEmpty
            try output.write(Array((patch.serializedString(pretty: true) + "\n").utf8), to: "patches/\(path)", ownerOnly: isSecret)
            summary.resources.append(path)
        }
        let droppedText = summary.dropped.isEmpty ? "" : summary.dropped.joined(separator: "\n") + "\n"
        try output.write(Array(droppedText.utf8), to: "dropped.txt")
        return summary
    }

    /// `kind.group` lowercased, for files that were not laid out by `ferry export`.
    static func fallbackDirectory(of object: KubeObject) -> String {
        let group = object.groupVersion.group
        let kind = object.kind.lowercased()
        return group.isEmpty ? kind : "\(kind).\(group)"
    }
}
