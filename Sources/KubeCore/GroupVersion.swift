/// An API group and version, such as `apps/v1` or the core `v1`.
public struct GroupVersion: Sendable, Hashable, CustomStringConvertible {
    /// The group; empty for the core group.
    public var group: String
    /// The version.
    public var version: String

    /// Creates a group version.
    public init(group: String, version: String) {
        self.group = group
        self.version = version
    }

    /// Parses an `apiVersion` string.
    public init(parsing apiVersion: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
    }

    /// The `apiVersion` string.
    public var description: String { group.isEmpty ? version : "\(group)/\(version)" }
}

/// A group, version and kind.
public struct GroupVersionKind: Sendable, Hashable, CustomStringConvertible {
    /// The group; empty for the core group.
    public var group: String
    /// The version.
    public var version: String
    /// The kind.
    public var kind: String

    /// Creates a group version kind.
    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// Creates one from an `apiVersion` and a kind.
    public init(apiVersion: String, kind: String) {
        let groupVersion = GroupVersion(parsing: apiVersion)
        self.init(group: groupVersion.group, version: groupVersion.version, kind: kind)
    }

    /// The group and version.
    public var groupVersion: GroupVersion { GroupVersion(group: group, version: version) }

    public var description: String { "\(groupVersion) \(kind)" }
}

/// A group, version and resource (the plural name in URLs).
public struct GroupVersionResource: Sendable, Hashable, CustomStringConvertible {
    /// The group; empty for the core group.
    public var group: String
    /// The version.
    public var version: String
    /// The resource, such as `deployments`.
    public var resource: String

    /// Creates a group version resource.
    public init(group: String, version: String, resource: String) {
        self.group = group
        self.version = version
        self.resource = resource
    }

    /// The group and resource, without the version.
    public var groupResource: GroupResource { GroupResource(group: group, resource: resource) }

    public var description: String { group.isEmpty ? "\(version)/\(resource)" : "\(group)/\(version)/\(resource)" }
}

/// A group and resource, as used in error messages (`deployments.apps`).
public struct GroupResource: Sendable, Hashable, CustomStringConvertible {
    /// The group; empty for the core group.
    public var group: String
    /// The resource.
    public var resource: String

    /// Creates a group resource.
    public init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }

    /// `resource.group`, or `resource` for the core group.
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}
