/// What a list or watch asks for: selectors, paging and a starting resource version; the
/// query parameters of a Kubernetes list or watch request.
public struct ListOptions: Sendable, Hashable {
    /// `labelSelector`, such as `app=web,tier!=db,env in (a,b),!legacy`.
    public var labelSelector: String?
    /// `fieldSelector`, such as `metadata.name=web,status.phase!=Running`.
    public var fieldSelector: String?
    /// `limit`: the most items in one page.
    public var limit: Int?
    /// `continue`: the token of the next page.
    public var continueToken: String?
    /// `resourceVersion`: where a list is served from or a watch starts; for a watch, `nil`
    /// or `"0"` means the current objects first, as `ADDED` events.
    public var resourceVersion: String?
    /// `resourceVersionMatch`: `Exact` or `NotOlderThan`.
    public var resourceVersionMatch: String?
    /// `timeoutSeconds`: how long a watch stays open.
    public var timeoutSeconds: Int?
    /// `allowWatchBookmarks`: send `BOOKMARK` events.
    public var allowWatchBookmarks: Bool
    /// `sendInitialEvents`: a watch starts with the current objects as `ADDED` events, then a
    /// bookmark annotated `k8s.io/initial-events-end`.
    public var sendInitialEvents: Bool

    /// Creates options.
    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil, resourceVersionMatch: String? = nil, timeoutSeconds: Int? = nil,
        allowWatchBookmarks: Bool = false, sendInitialEvents: Bool = false
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
        self.allowWatchBookmarks = allowWatchBookmarks
        self.sendInitialEvents = sendInitialEvents
    }
}
