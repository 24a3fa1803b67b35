/// What a request asks to do, in the terms authorization decides on.
public struct RequestAttributes: Sendable, Hashable {
    /// Who asks.
    public var user: UserInfo
    /// The verb: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`,
    /// `deletecollection` for resources; the lowercased HTTP method for other paths.
    public var verb: String
    /// Whether the request is for an API resource (as opposed to a path such as `/version`).
    public var isResourceRequest: Bool
    /// The URL path, used for non-resource requests.
    public var path: String
    /// The API group; empty for the core group.
    public var group: String
    /// The API version.
    public var version: String
    /// The plural resource, such as `pods`.
    public var resource: String
    /// The subresource, such as `status` or `log`; empty when none.
    public var subresource: String
    /// The namespace; empty for cluster-scoped requests or requests across all namespaces.
    public var namespace: String
    /// The object's name; empty for lists and creates.
    public var name: String

    /// Creates the attributes of a resource request.
    public init(
        user: UserInfo, verb: String, group: String = "", version: String = "v1", resource: String,
        subresource: String = "", namespace: String = "", name: String = "", path: String = ""
    ) {
        self.user = user
        self.verb = verb
        self.isResourceRequest = true
        self.path = path
        self.group = group
        self.version = version
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
    }

    /// Creates the attributes of a request for a path that is not a resource, such as `/healthz`.
    public init(user: UserInfo, verb: String, nonResourcePath path: String) {
        self.user = user
        self.verb = verb
        self.isResourceRequest = false
        self.path = path
        self.group = ""
        self.version = ""
        self.resource = ""
        self.subresource = ""
        self.namespace = ""
        self.name = ""
    }
}
