public import FerryImages

/// Where images of the source cluster's registry go in the destination cluster's registry:
/// the registry host changes, the repository's first component (the namespace that owns the
/// image) follows the plan's namespace mapping, and the tag or digest stays the same, so an
/// `@sha256:` reference remains valid after the copy.
public struct ImageRegistryMapping: Sendable, Hashable {
    /// The source cluster's registry, as workloads name it, e.g. `registry.source:5000`.
    public var sourceRegistry: String
    /// The destination cluster's registry, as workloads there will name it.
    public var destinationRegistry: String
    /// Source namespace → destination namespace; namespaces not listed keep their name.
    public var namespaceMapping: [String: String]

    /// A mapping from `sourceRegistry` to `destinationRegistry`.
    public init(sourceRegistry: String, destinationRegistry: String, namespaceMapping: [String: String] = [:]) {
        self.sourceRegistry = Self.host(of: sourceRegistry)
        self.destinationRegistry = Self.host(of: destinationRegistry)
        self.namespaceMapping = namespaceMapping
    }

    /// Whether a registry is unknown, so no image is copied or rewritten.
    public var isEmpty: Bool {
        sourceRegistry.isEmpty || destinationRegistry.isEmpty
    }

    /// The image `reference` names in the source registry, or nil when it lives elsewhere
    /// (another registry, Docker Hub) or cannot be parsed.
    public func sourceImage(_ reference: String) -> ImageReference? {
        guard !isEmpty, let image = try? ImageReference(parsing: reference), image.registry == sourceRegistry else { return nil }
        return image
    }

    /// The destination image for `image` of the source registry.
    public func destinationImage(for image: ImageReference) -> ImageReference {
        var components = image.repository.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if components.count > 1, let mapped = namespaceMapping[components[0]] {
            components[0] = mapped
        }
        return ImageReference(registry: destinationRegistry, repository: components.joined(separator: "/"), tag: image.tag, digest: image.digest)
    }

    /// The reference workloads on the destination use instead of `reference`; nil when
    /// `reference` is not an image of the source registry.
    public func rewritten(_ reference: String) -> String? {
        guard let image = sourceImage(reference) else { return nil }
        return destinationImage(for: image).description
    }

    /// A registry path as MigCluster writes it (`host[:port]`, sometimes with a scheme or a
    /// trailing slash) reduced to the host and port image references start with.
    static func host(of path: String) -> String {
        var host = path
        for scheme in ["https://", "http://", "docker://"] where host.hasPrefix(scheme) {
            host = String(host.dropFirst(scheme.count))
        }
        while host.hasSuffix("/") { host.removeLast() }
        return host
    }
}
