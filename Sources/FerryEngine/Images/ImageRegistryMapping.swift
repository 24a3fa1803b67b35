public import FerryImages

/// Where images of the source cluster's registry go in the destination cluster's registry:
/// the registry host changes, the repository's first component (the namespace that owns the
/// image) follows the plan's namespace mapping, and the tag or digest stays the same, so an
/// `@sha256:` reference remains valid after the copy.
///
/// A registry has two names: the path Ferry reaches it by (a route, or a loopback port in
/// tests) and the in-cluster name pods pull by (`image-registry.openshift-image-registry.svc:5000`).
/// Images named by either are the source registry's and are read through its path; they are
/// written through the destination's path, and workloads on the destination are pointed at
/// the destination's in-cluster name when it has one.
public struct ImageRegistryMapping: Sendable, Hashable {
    /// The source cluster's registry as Ferry reads it, e.g. `registry.source:5000`.
    public var sourceRegistry: String
    /// Other names of the source registry (its in-cluster name), read through `sourceRegistry`.
    public var sourceAliases: Set<String>
    /// The destination cluster's registry as Ferry writes it.
    public var destinationRegistry: String
    /// The destination registry as pods of the destination cluster pull from it: its
    /// in-cluster name, else `destinationRegistry`.
    public var destinationPullRegistry: String
    /// Source namespace → destination namespace; namespaces not listed keep their name.
    public var namespaceMapping: [String: String]

    /// A mapping from `sourceRegistry` (also named `sourceInternalRegistry` inside its cluster)
    /// to `destinationRegistry` (named `destinationInternalRegistry` inside its cluster).
    public init(
        sourceRegistry: String, destinationRegistry: String, namespaceMapping: [String: String] = [:],
        sourceInternalRegistry: String? = nil, destinationInternalRegistry: String? = nil
    ) {
        self.sourceRegistry = Self.host(of: sourceRegistry)
        self.destinationRegistry = Self.host(of: destinationRegistry)
        self.namespaceMapping = namespaceMapping
        let sourceInternal = sourceInternalRegistry.map(Self.host(of:)) ?? ""
        sourceAliases = sourceInternal.isEmpty || sourceInternal == self.sourceRegistry ? [] : [sourceInternal]
        let destinationInternal = destinationInternalRegistry.map(Self.host(of:)) ?? ""
        destinationPullRegistry = destinationInternal.isEmpty ? self.destinationRegistry : destinationInternal
    }

    /// Whether a registry is unknown, so no image is copied or rewritten.
    public var isEmpty: Bool {
        sourceRegistry.isEmpty || destinationRegistry.isEmpty
    }

    /// Whether `host` names the source registry, by its path or its in-cluster name.
    public func isSourceRegistry(_ host: String) -> Bool {
        host == sourceRegistry || sourceAliases.contains(host)
    }

    /// The image `reference` names in the source registry, as read through the source path;
    /// nil when it lives elsewhere (another registry, Docker Hub) or cannot be parsed.
    public func sourceImage(_ reference: String) -> ImageReference? {
        guard !isEmpty, var image = try? ImageReference(parsing: reference), isSourceRegistry(image.registry) else { return nil }
        image.registry = sourceRegistry
        return image
    }

    /// The destination image for `image` of the source registry, as Ferry writes it.
    public func destinationImage(for image: ImageReference) -> ImageReference {
        destination(of: image, registry: destinationRegistry)
    }

    /// The destination image for `image` of the source registry, as pods on the destination
    /// pull it.
    public func pullImage(for image: ImageReference) -> ImageReference {
        destination(of: image, registry: destinationPullRegistry)
    }

    /// The reference workloads on the destination use instead of `reference`; nil when
    /// `reference` is not an image of the source registry.
    public func rewritten(_ reference: String) -> String? {
        guard let image = sourceImage(reference) else { return nil }
        return pullImage(for: image).description
    }

    /// The destination namespace of a source namespace.
    public func destinationNamespace(_ namespace: String) -> String {
        namespaceMapping[namespace] ?? namespace
    }

    private func destination(of image: ImageReference, registry: String) -> ImageReference {
        var components = image.repository.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if components.count > 1, let mapped = namespaceMapping[components[0]] {
            components[0] = mapped
        }
        return ImageReference(registry: registry, repository: components.joined(separator: "/"), tag: image.tag, digest: image.digest)
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
