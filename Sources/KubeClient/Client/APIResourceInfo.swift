public import KubeCore

/// One resource as discovery describes it: what `kubectl api-resources` prints.
public struct APIResourceInfo: Sendable, Hashable, CustomStringConvertible {
    /// The group; empty for the core group.
    public var group: String
    /// The version.
    public var version: String
    /// The plural resource name used in URLs, such as `deployments`.
    public var resource: String
    /// The singular name, such as `deployment`.
    public var singularName: String
    /// The kind, such as `Deployment`.
    public var kind: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool
    /// The verbs the resource supports, such as `get`, `list`, `watch`.
    public var verbs: [String]
    /// Short names, such as `deploy`.
    public var shortNames: [String]
    /// Categories, such as `all`.
    public var categories: [String]
    /// Subresources, such as `status` and `scale`.
    public var subresources: [String]

    /// Creates a description of a resource.
    public init(group: String, version: String, resource: String, singularName: String = "", kind: String, namespaced: Bool, verbs: [String] = [], shortNames: [String] = [], categories: [String] = [], subresources: [String] = []) {
        self.group = group
        self.version = version
        self.resource = resource
        self.singularName = singularName.isEmpty ? kind.lowercased() : singularName
        self.kind = kind
        self.namespaced = namespaced
        self.verbs = verbs
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
    }

    /// The group, version and resource.
    public var groupVersionResource: GroupVersionResource { GroupVersionResource(group: group, version: version, resource: resource) }
    /// The group, version and kind.
    public var groupVersionKind: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }
    /// The `apiVersion` of its objects.
    public var apiVersion: String { GroupVersion(group: group, version: version).description }

    /// Whether the resource supports `verb`.
    public func supports(_ verb: String) -> Bool { verbs.contains(verb) }

    public var description: String { GroupResource(group: group, resource: resource).description }
}
