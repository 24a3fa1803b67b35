import FerryImages
public import KubeCore

/// Finds the images of the source cluster's registry that a migration's objects use: the
/// tags of ImageStreams and the containers of pod templates.
public struct ImageDiscovery: Sendable {
    /// Where images are read and written.
    public var mapping: ImageRegistryMapping

    /// Discovery for `mapping`.
    public init(mapping: ImageRegistryMapping) {
        self.mapping = mapping
    }

    /// The images `objects` use that live in the source registry, each once, in the order
    /// they are first seen.
    public func images(in objects: [KubeObject]) -> [ImageMigrationRequest.Image] {
        var images: [ImageMigrationRequest.Image] = []
        var seen: Set<ImageReference> = []
        for object in objects {
            for reference in references(in: object) {
                guard seen.insert(reference).inserted else { continue }
                images.append(ImageMigrationRequest.Image(source: reference, destination: mapping.destinationImage(for: reference)))
            }
        }
        return images
    }

    /// The source-registry images one object uses.
    func references(in object: KubeObject) -> [ImageReference] {
        if object.kind == "ImageStream", object.groupVersion.group == "image.openshift.io" {
            return imageStreamReferences(object)
        }
        guard let path = Self.podSpecPath(of: object) else { return [] }
        return Self.containerImages(in: object, podSpecPath: path).compactMap(mapping.sourceImage)
    }

    /// The tags of an ImageStream held by the source registry. The stream's own
    /// `status.dockerImageRepository` names the registry by its in-cluster address, which
    /// is read through the registry path instead.
    private func imageStreamReferences(_ object: KubeObject) -> [ImageReference] {
        var texts: [String] = []
        if case .array(let tags)? = object[path: "spec", "tags"] {
            for tag in tags where tag["from"]?["kind"]?.stringValue == "DockerImage" {
                if let name = tag["from"]?["name"]?.stringValue { texts.append(name) }
            }
        }
        if case .array(let tags)? = object[path: "status", "tags"] {
            for tag in tags {
                guard case .array(let items)? = tag["items"] else { continue }
                texts += items.compactMap { $0["dockerImageReference"]?.stringValue }
            }
        }
        let streamMapping = mapping.forImageStream(object)
        return texts.compactMap(streamMapping.sourceImage)
    }

    /// Where the pod spec is inside a workload of `object`'s kind; nil for other kinds.
    static func podSpecPath(of object: KubeObject) -> [String]? {
        switch object.kind {
        case "Pod": ["spec"]
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "DeploymentConfig", "ReplicationController":
            ["spec", "template", "spec"]
        case "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"]
        default: nil
        }
    }

    /// The kinds of container lists a pod spec has.
    static let containerLists = ["initContainers", "containers", "ephemeralContainers"]

    /// The image of every container of the pod spec at `podSpecPath`.
    static func containerImages(in object: KubeObject, podSpecPath: [String]) -> [String] {
        containerLists.flatMap { list -> [String] in
            guard case .array(let containers)? = object.json[path: podSpecPath + [list]] else { return [] }
            return containers.compactMap { $0["image"]?.stringValue }
        }
    }
}
