public import KubeCore

extension ImageRegistryMapping {
    /// This mapping for the images of one source ImageStream: the registry host of the
    /// stream's own `status.dockerImageRepository` is the registry the stream lives in, the
    /// source registry by its in-cluster name, even when the MigCluster does not name it.
    public func forImageStream(_ stream: KubeObject) -> ImageRegistryMapping {
        guard let repository = stream[path: "status", "dockerImageRepository"]?.stringValue,
            let host = Self.registryHost(ofRepository: repository), !isSourceRegistry(host)
        else { return self }
        var mapping = self
        mapping.sourceAliases.insert(host)
        return mapping
    }

    /// The registry part of `registry/namespace/name`, as in an ImageStream's
    /// `status.dockerImageRepository`; nil when the first component is not a host (no dot, no
    /// port, not localhost).
    public static func registryHost(ofRepository repository: String) -> String? {
        let components = repository.split(separator: "/")
        guard components.count > 1, let first = components.first else { return nil }
        guard first.contains(".") || first.contains(":") || first == "localhost" else { return nil }
        return String(first)
    }
}
