import FerryImages
public import KubeCore

/// The status OpenShift's image controller would give a migrated ImageStream on the
/// destination: the same tags and digests, named in the destination registry.
///
/// On OpenShift the destination's image controller fills `status` once the images are in its
/// registry; a cluster without one (KubeSim, plain Kubernetes with the ImageStream API) would
/// leave migrated streams with tags that resolve to nothing, so Ferry writes it.
public struct DestinationImageStreamStatus: Sendable {
    /// Where images of the source registry went.
    public var mapping: ImageRegistryMapping

    /// A status builder for `mapping`.
    public init(mapping: ImageRegistryMapping) {
        self.mapping = mapping
    }

    /// The destination status of `source` (an ImageStream read from the source cluster)
    /// restored as `namespace/name`: every tag's history with references into the source
    /// registry pointed at the destination registry (digests unchanged), plus, for tags the
    /// source status does not list, the `DockerImage` sources of the spec that pin a digest.
    public func status(of source: KubeObject, namespace: String, name: String) -> JSONValue {
        let mapping = mapping.forImageStream(source)
        var tags: [JSONValue] = []
        var listed: Set<String> = []
        if case .array(let sourceTags)? = source[path: "status", "tags"] {
            for var tag in sourceTags {
                if let name = tag["tag"]?.stringValue { listed.insert(name) }
                if case .array(let items)? = tag["items"] {
                    tag["items"] = .array(items.map { Self.rewrittenItem($0, mapping: mapping) })
                }
                tags.append(tag)
            }
        }
        if case .array(let specTags)? = source[path: "spec", "tags"] {
            for tag in specTags where tag["from"]?["kind"]?.stringValue == "DockerImage" {
                guard let tagName = tag["name"]?.stringValue, !listed.contains(tagName),
                    let text = tag["from"]?["name"]?.stringValue, let image = mapping.sourceImage(text), let digest = image.digest
                else { continue }
                let item: JSONValue = [
                    "created": .string(KubeTime.now()), "dockerImageReference": .string(mapping.pullImage(for: image).description),
                    "image": .string(digest), "generation": 1,
                ]
                tags.append(["tag": .string(tagName), "items": [item]])
            }
        }
        var status: JSONValue = ["dockerImageRepository": .string("\(mapping.destinationPullRegistry)/\(namespace)/\(name)")]
        if mapping.destinationPullRegistry != mapping.destinationRegistry {
            status["publicDockerImageRepository"] = .string("\(mapping.destinationRegistry)/\(namespace)/\(name)")
        }
        if !tags.isEmpty { status["tags"] = .array(tags) }
        return status
    }

    /// Whether an ImageStream's status is still empty, so no image controller filled it.
    public static func isUnfilled(_ stream: KubeObject) -> Bool {
        let repository = stream[path: "status", "dockerImageRepository"]?.stringValue ?? ""
        let tags = stream[path: "status", "tags"]?.arrayValue ?? []
        return repository.isEmpty && tags.isEmpty
    }

    private static func rewrittenItem(_ item: JSONValue, mapping: ImageRegistryMapping) -> JSONValue {
        guard let reference = item["dockerImageReference"]?.stringValue, let image = mapping.sourceImage(reference) else { return item }
        var rewritten = item
        rewritten["dockerImageReference"] = .string(mapping.pullImage(for: image).description)
        return rewritten
    }
}
