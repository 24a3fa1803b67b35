public import KubeCore

/// Points workloads and ImageStreams at the destination registry (by its in-cluster name when
/// it has one) for images that were copied there from the source registry, whether they
/// named the source registry by its path or its in-cluster name. Tags and digests are kept, so an `@sha256:`
/// reference names the same bytes after the copy. Does nothing when the context has no
/// image registry mapping.
public struct RewriteImageReferences: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `RewriteImageReferences`.
    public var name: String { "RewriteImageReferences" }

    /// Rewrites container images of pod templates and the `DockerImage` sources of
    /// ImageStream tags.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard let mapping = context.imageMapping, !mapping.isEmpty else { return .keep }
        var json = object.json
        if object.kind == "ImageStream", object.groupVersion.group == "image.openshift.io" {
            rewriteImageStreamTags(&json, mapping: mapping)
        } else if let podSpecPath = ImageDiscovery.podSpecPath(of: object) {
            for list in ImageDiscovery.containerLists {
                rewriteContainers(&json, at: podSpecPath + [list], mapping: mapping)
            }
            if object.kind == "DeploymentConfig" { rewriteTriggeredImages(&json, mapping: mapping) }
        } else {
            return .keep
        }
        if json != object.json, let body = json.objectValue {
            object = KubeObject(body)
        }
        return .keep
    }

    private func rewriteContainers(_ json: inout JSONValue, at path: [String], mapping: ImageRegistryMapping) {
        guard case .array(var containers)? = json[path: path] else { return }
        var changed = false
        for index in containers.indices {
            guard let image = containers[index]["image"]?.stringValue, let rewritten = mapping.rewritten(image) else { continue }
            containers[index]["image"] = .string(rewritten)
            changed = true
        }
        if changed { json[path: path] = .array(containers) }
    }

    /// A DeploymentConfig's image triggers remember the image they last rolled out by its
    /// full registry name; left pointing at the source, the first trigger on the destination
    /// would see a change that is none.
    private func rewriteTriggeredImages(_ json: inout JSONValue, mapping: ImageRegistryMapping) {
        guard case .array(var triggers)? = json[path: ["spec", "triggers"]] else { return }
        var changed = false
        for index in triggers.indices {
            guard let image = triggers[index]["imageChangeParams"]?["lastTriggeredImage"]?.stringValue,
                let rewritten = mapping.rewritten(image)
            else { continue }
            triggers[index][path: ["imageChangeParams", "lastTriggeredImage"]] = .string(rewritten)
            changed = true
        }
        if changed { json[path: ["spec", "triggers"]] = .array(triggers) }
    }

    private func rewriteImageStreamTags(_ json: inout JSONValue, mapping: ImageRegistryMapping) {
        guard case .array(var tags)? = json[path: ["spec", "tags"]] else { return }
        var changed = false
        for index in tags.indices where tags[index]["from"]?["kind"]?.stringValue == "DockerImage" {
            guard let name = tags[index]["from"]?["name"]?.stringValue, let rewritten = mapping.rewritten(name) else { continue }
            tags[index][path: ["from", "name"]] = .string(rewritten)
            changed = true
        }
        if changed { json[path: ["spec", "tags"]] = .array(tags) }
    }
}
