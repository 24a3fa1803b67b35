public import KubeCore

/// The kind ↔ resource map of one cluster, built from discovery, with kubectl's lookups.
public struct ResourceMapper: Sendable, Hashable {
    /// Every top-level resource of every served version.
    public var resources: [APIResourceInfo]
    /// The preferred version of each group (`""` for the core group).
    public var preferredVersions: [String: String]

    /// Creates a mapper.
    public init(resources: [APIResourceInfo], preferredVersions: [String: String]) {
        self.resources = resources
        self.preferredVersions = preferredVersions
    }

    /// The resource serving `kind` at exactly this group and version.
    public func resource(for kind: GroupVersionKind) -> APIResourceInfo? {
        resources.first { $0.group == kind.group && $0.version == kind.version && $0.kind == kind.kind }
    }

    /// The resource named by `resource` at exactly this group and version.
    public func resource(for resource: GroupVersionResource) -> APIResourceInfo? {
        resources.first { $0.group == resource.group && $0.version == resource.version && $0.resource == resource.resource }
    }

    /// Resolves what a person types after `kubectl get`: a plural, singular, short name or kind,
    /// case-insensitively, optionally qualified as `name.group` or `name.version.group`
    /// (`deploy`, `deployments.apps`, `Deployment`, `deployments.v1.apps`). Among matches the
    /// core group wins, then the group's preferred version; `nil` when nothing matches.
    public func resolve(_ text: String) -> APIResourceInfo? {
        let lowered = text.lowercased()
        var candidates = matches(name: lowered, group: nil, version: nil)
        if candidates.isEmpty, let dot = lowered.firstIndex(of: ".") {
            let name = String(lowered[..<dot])
            let rest = String(lowered[lowered.index(after: dot)...])
            candidates = matches(name: name, group: rest, version: nil)
            if candidates.isEmpty, let second = rest.firstIndex(of: ".") {
                candidates = matches(name: name, group: String(rest[rest.index(after: second)...]), version: String(rest[..<second]))
            }
        }
        return best(of: candidates)
    }

    /// The preferred resource for a kind in any group (`Deployment` → `deployments.apps`).
    public func resolve(kind: String, group: String? = nil) -> APIResourceInfo? {
        best(of: resources.filter { $0.kind.lowercased() == kind.lowercased() && (group == nil || $0.group == group) })
    }

    /// Every preferred-version resource in `category`, such as `all`.
    public func resources(inCategory category: String) -> [APIResourceInfo] {
        resources.filter { $0.categories.contains(category) && preferredVersions[$0.group] == $0.version }
    }

    private func matches(name: String, group: String?, version: String?) -> [APIResourceInfo] {
        resources.filter { info in
            if let group, info.group.lowercased() != group { return false }
            if let version, info.version.lowercased() != version { return false }
            return info.resource.lowercased() == name || info.singularName.lowercased() == name
                || info.kind.lowercased() == name || info.shortNames.contains { $0.lowercased() == name }
        }
    }

    private func best(of candidates: [APIResourceInfo]) -> APIResourceInfo? {
        candidates.min { rank($0) < rank($1) }
    }

    private func rank(_ info: APIResourceInfo) -> (Int, Int, String, String) {
        let groupRank = info.group.isEmpty ? 0 : 1
        let versionRank = preferredVersions[info.group] == info.version ? 0 : 1
        return (groupRank, versionRank, info.group, info.version)
    }
}
