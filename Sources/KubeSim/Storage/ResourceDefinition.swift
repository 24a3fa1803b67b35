public import KubeCore

/// Everything the simulator knows about one served resource: how it is named in URLs and
/// discovery, whether it is namespaced, and which subresources it has.
public struct ResourceDefinition: Sendable, Hashable {
    /// The API group; empty for the core group.
    public var group: String
    /// Served versions, preferred first. Objects are stored once and served in every version
    /// with `apiVersion` rewritten (the simulator does no schema conversion).
    public var versions: [String]
    /// The plural resource name used in URLs, such as `deployments`.
    public var resource: String
    /// The singular name, such as `deployment`.
    public var singular: String
    /// The kind, such as `Deployment`.
    public var kind: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool
    /// Short names, such as `deploy`.
    public var shortNames: [String]
    /// Categories, such as `all`.
    public var categories: [String]
    /// Verbs the resource supports.
    public var verbs: [String]
    /// Subresources, such as `status` and `scale`.
    public var subresources: Set<String>
    /// Whether objects are kept in the store. Review resources (`tokenreviews`,
    /// `subjectaccessreviews`, ...) are answered by the server and never stored.
    public var isStored: Bool
    /// The stored resource this one is a view of, such as `namespaces` for OpenShift
    /// `projects`; the server maps requests onto it.
    public var viewOf: GroupResource?
    /// The `listKind`, such as `DeploymentList`.
    public var listKind: String { "\(kind)List" }

    /// The standard verbs of a read-write resource.
    public static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    /// Creates a definition.
    public init(
        group: String, versions: [String], resource: String, singular: String, kind: String, namespaced: Bool,
        shortNames: [String] = [], categories: [String] = [], verbs: [String] = ResourceDefinition.allVerbs,
        subresources: Set<String> = [], isStored: Bool = true, viewOf: GroupResource? = nil
    ) {
        self.group = group
        self.versions = versions
        self.resource = resource
        self.singular = singular
        self.kind = kind
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.verbs = verbs
        self.subresources = subresources
        self.isStored = isStored
        self.viewOf = viewOf
    }

    /// The group and resource.
    public var groupResource: GroupResource { GroupResource(group: group, resource: resource) }

    /// The preferred version.
    public var preferredVersion: String { versions.first ?? "v1" }

    /// The `apiVersion` for `version`.
    public func apiVersion(_ version: String) -> String { group.isEmpty ? version : "\(group)/\(version)" }
}
