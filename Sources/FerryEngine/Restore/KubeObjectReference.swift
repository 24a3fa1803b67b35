public import KubeCore

/// Names one object for reports: its API version, kind, namespace and name.
public struct KubeObjectReference: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// `apiVersion`, such as `apps/v1`.
    public var apiVersion: String
    /// `kind`, such as `Deployment`.
    public var kind: String
    /// The namespace; `nil` for cluster-scoped objects.
    public var namespace: String?
    /// The name.
    public var name: String

    /// Creates a reference.
    public init(apiVersion: String, kind: String, namespace: String? = nil, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The reference to `object`.
    public init(_ object: KubeObject) {
        self.init(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name)
    }

    /// `Kind.group namespace/name`, as people read it in reports.
    public var description: String {
        let group = GroupVersion(parsing: apiVersion).group
        let kindName = group.isEmpty ? kind : "\(kind).\(group)"
        if let namespace, !namespace.isEmpty { return "\(kindName) \(namespace)/\(name)" }
        return "\(kindName) \(name)"
    }

    /// Orders by kind, namespace and name.
    public static func < (left: KubeObjectReference, right: KubeObjectReference) -> Bool {
        (left.apiVersion, left.kind, left.namespace ?? "", left.name) < (right.apiVersion, right.kind, right.namespace ?? "", right.name)
    }
}
