/// What a list or watch asks for: selectors, paging and a starting resource version.
public struct ListOptions: Sendable, Hashable {
    /// A label selector in the query-string syntax (`app=web,tier!=db,env in (a,b),!legacy`).
    public var labelSelector: String?
    /// A field selector (`metadata.name=x,status.phase!=Running`).
    public var fieldSelector: String?
    /// At most this many items (paging).
    public var limit: Int?
    /// The `continue` token from the previous page.
    public var continueToken: String?
    /// For watch: send events after this version. For list: `"0"` or `nil` means "any".
    public var resourceVersion: String?
    /// For watch: send `BOOKMARK` events.
    public var allowWatchBookmarks: Bool
    /// For watch: stop after this many seconds.
    public var timeoutSeconds: Int?
    /// For watch: send the current objects as `ADDED` events first, then a bookmark
    /// annotated `k8s.io/initial-events-end`.
    public var sendInitialEvents: Bool

    /// Creates options.
    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil, allowWatchBookmarks: Bool = false, timeoutSeconds: Int? = nil,
        sendInitialEvents: Bool = false
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.allowWatchBookmarks = allowWatchBookmarks
        self.timeoutSeconds = timeoutSeconds
        self.sendInitialEvents = sendInitialEvents
    }
}

/// How a delete proceeds.
public struct DeleteOptions: Sendable, Hashable {
    /// How dependents are treated.
    public enum PropagationPolicy: String, Sendable, Hashable {
        /// Dependents are deleted by the garbage collector after the owner is gone.
        case background = "Background"
        /// The owner stays, with a `foregroundDeletion` finalizer, until blocking dependents are gone.
        case foreground = "Foreground"
        /// Dependents lose their owner reference and stay.
        case orphan = "Orphan"
    }

    /// How dependents are treated; `nil` means the resource's default (background).
    public var propagationPolicy: PropagationPolicy?
    /// Delete only if the object still has this uid.
    public var preconditionUID: String?
    /// Delete only if the object still has this resource version.
    public var preconditionResourceVersion: String?
    /// Grace period; 0 deletes at once.
    public var gracePeriodSeconds: Int?
    /// Validate only; change nothing.
    public var dryRun: Bool

    /// Creates options.
    public init(
        propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil, gracePeriodSeconds: Int? = nil, dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.gracePeriodSeconds = gracePeriodSeconds
        self.dryRun = dryRun
    }
}
