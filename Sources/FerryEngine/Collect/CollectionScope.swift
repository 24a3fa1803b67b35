public import KubeCore

/// What a collection reads from the source cluster.
public struct CollectionScope: Sendable, Hashable {
    /// The namespaces whose objects are collected.
    public var namespaces: [String]
    /// Only these kinds are collected; empty collects every kind.
    public var includedResources: [GroupKind]
    /// Only namespaced objects matching this selector are collected (cluster-scoped
    /// dependencies follow the objects that were selected).
    public var labelSelector: LabelSelector?
    /// Resources never collected, as `resource` or `resource.group` (`events`,
    /// `rolebindings.authorization.openshift.io`).
    public var excludedResources: Set<String>

    /// Creates a scope; by default every kind but the Migration Toolkit's excluded ones.
    public init(
        namespaces: [String],
        includedResources: [GroupKind] = [],
        labelSelector: LabelSelector? = nil,
        excludedResources: Set<String> = TransformPipeline.defaultExcludedResources
    ) {
        self.namespaces = namespaces
        self.includedResources = includedResources
        self.labelSelector = labelSelector
        self.excludedResources = excludedResources
    }

    /// Whether objects of `resource` (plural name) in `group` are excluded.
    public func excludes(resource: String, group: String) -> Bool {
        excludedResources.contains(resource)
            || excludedResources.contains(GroupResource(group: group, resource: resource).description)
    }

    /// Whether objects of `kind` in `group` are wanted by `includedResources`.
    public func includes(group: String, kind: String) -> Bool {
        includedResources.isEmpty || includedResources.contains { $0.matches(group: group, kind: kind) }
    }
}
