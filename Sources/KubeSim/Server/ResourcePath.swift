/// A request path that names resources: `/api/v1/...` or `/apis/<group>/<version>/...`,
/// split into its parts.
///
/// Namespaces are cluster-scoped objects, so `/api/v1/namespaces/<name>` names one, and
/// `/api/v1/namespaces/<name>/status` and `/finalize` are its subresources.
struct ResourcePath: Sendable, Hashable {
    /// The API group; empty for the core group.
    var group: String
    /// The API version.
    var version: String
    /// The namespace the request is scoped to, if any.
    var namespace: String?
    /// The plural resource name.
    var resource: String
    /// The object name, if the path names one.
    var name: String?
    /// The subresource, such as `status` or `scale`.
    var subresource: String?
    /// Whether the path used the legacy `/watch/` prefix.
    var isWatchPrefix: Bool

    /// What a path without a resource names: a discovery document for a version.
    enum Parsed: Sendable, Hashable {
        /// `/api/v1` or `/apis/<group>/<version>`.
        case groupVersion(group: String, version: String)
        /// A resource path.
        case resource(ResourcePath)
    }

    /// Parses `path` (already split on `/`, empty segments dropped); `nil` when it is not an
    /// API resource path.
    static func parse(_ segments: [String]) -> Parsed? {
        var rest: ArraySlice<String>
        let group: String
        let version: String
        if segments.first == "api", segments.count >= 2 {
            group = ""
            version = segments[1]
            rest = segments.dropFirst(2)
        } else if segments.first == "apis", segments.count >= 3 {
            group = segments[1]
            version = segments[2]
            rest = segments.dropFirst(3)
        } else {
            return nil
        }
        if rest.isEmpty { return .groupVersion(group: group, version: version) }
        var isWatch = false
        if rest.first == "watch" {
            isWatch = true
            rest = rest.dropFirst()
            if rest.isEmpty { return nil }
        }
        var path = ResourcePath(group: group, version: version, namespace: nil, resource: "", name: nil, subresource: nil, isWatchPrefix: isWatch)
        let parts = Array(rest)
        // `namespaces/<name>/status|finalize` is the namespace's own subresource; any other
        // `namespaces/<ns>/<resource>...` is scoped to that namespace.
        let isNamespaceSubresource = group.isEmpty && parts.count == 3 && ["status", "finalize"].contains(parts[2])
        if parts[0] == "namespaces", parts.count >= 3, !isNamespaceSubresource {
            path.namespace = parts[1]
            let scoped = parts.dropFirst(2)
            guard scoped.count <= 3 else { return nil }
            path.assign(Array(scoped))
        } else {
            guard parts.count <= 3 else { return nil }
            path.assign(parts)
        }
        return .resource(path)
    }

    private mutating func assign(_ parts: [String]) {
        resource = parts[0]
        if parts.count > 1 { name = parts[1] }
        if parts.count > 2 { subresource = parts[2] }
    }
}
