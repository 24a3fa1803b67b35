public import KubeCore

/// Options of `list`, `watch` and `deleteCollection`.
public struct ListOptions: Sendable, Hashable {
    /// `labelSelector`, such as `app=web,tier!=db`.
    public var labelSelector: String?
    /// `fieldSelector`, such as `metadata.name=web`.
    public var fieldSelector: String?
    /// `limit`: the most items in one page.
    public var limit: Int?
    /// `continue`: the token of the next page.
    public var continueToken: String?
    /// `resourceVersion`: where a list is served from or a watch starts.
    public var resourceVersion: String?
    /// `resourceVersionMatch`: `Exact` or `NotOlderThan`.
    public var resourceVersionMatch: String?
    /// `timeoutSeconds`: how long the server keeps a watch open.
    public var timeoutSeconds: Int?
    /// `allowWatchBookmarks`.
    public var allowWatchBookmarks: Bool

    /// Creates list options.
    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil, resourceVersion: String? = nil, resourceVersionMatch: String? = nil, timeoutSeconds: Int? = nil, allowWatchBookmarks: Bool = false) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
        self.allowWatchBookmarks = allowWatchBookmarks
    }

    var queryItems: [APIRequest.QueryItem] {
        var items: [APIRequest.QueryItem] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(.init("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(.init("fieldSelector", fieldSelector)) }
        if let limit, limit > 0 { items.append(.init("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { items.append(.init("continue", continueToken)) }
        if let resourceVersion { items.append(.init("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { items.append(.init("resourceVersionMatch", resourceVersionMatch)) }
        if let timeoutSeconds { items.append(.init("timeoutSeconds", String(timeoutSeconds))) }
        if allowWatchBookmarks { items.append(.init("allowWatchBookmarks", "true")) }
        return items
    }
}

/// Options of `create`, `update` and `patch`.
public struct WriteOptions: Sendable, Hashable {
    /// `dryRun=All`: validate and answer without storing.
    public var dryRun: Bool
    /// `fieldManager`.
    public var fieldManager: String?
    /// `fieldValidation`: `Ignore`, `Warn` or `Strict`.
    public var fieldValidation: String?

    /// Creates write options.
    public init(dryRun: Bool = false, fieldManager: String? = nil, fieldValidation: String? = nil) {
        self.dryRun = dryRun
        self.fieldManager = fieldManager
        self.fieldValidation = fieldValidation
    }

    var queryItems: [APIRequest.QueryItem] {
        var items: [APIRequest.QueryItem] = []
        if dryRun { items.append(.init("dryRun", "All")) }
        if let fieldManager { items.append(.init("fieldManager", fieldManager)) }
        if let fieldValidation { items.append(.init("fieldValidation", fieldValidation)) }
        return items
    }
}

/// Options of `delete` and `deleteCollection`.
public struct DeleteOptions: Sendable, Hashable {
    /// How dependents are garbage-collected.
    public enum PropagationPolicy: String, Sendable, Hashable {
        /// Dependents are deleted in the background after the owner.
        case background = "Background"
        /// The owner waits (with a `foregroundDeletion` finalizer) until dependents are gone.
        case foreground = "Foreground"
        /// Dependents are left behind.
        case orphan = "Orphan"
    }

    /// `propagationPolicy`.
    public var propagationPolicy: PropagationPolicy?
    /// `preconditions.uid`: delete only this incarnation.
    public var preconditionUID: String?
    /// `preconditions.resourceVersion`: delete only this version.
    public var preconditionResourceVersion: String?
    /// `gracePeriodSeconds`.
    public var gracePeriodSeconds: Int?
    /// `dryRun=All`.
    public var dryRun: Bool

    /// Creates delete options.
    public init(propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil, preconditionResourceVersion: String? = nil, gracePeriodSeconds: Int? = nil, dryRun: Bool = false) {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.gracePeriodSeconds = gracePeriodSeconds
        self.dryRun = dryRun
    }
}

/// A patch body and how the server should read it.
public enum Patch: Sendable, Hashable {
    /// RFC 6902 JSON patch: an array of operations such as
    /// `{"op": "replace", "path": "/spec/replicas", "value": 3}`.
    case json(JSONValue)
    /// RFC 7386 JSON merge patch.
    case merge(JSONValue)
    /// Kubernetes strategic merge patch (built-in kinds only).
    case strategicMerge(JSONValue)
    /// Server-side apply of a whole intended object.
    case apply(JSONValue, fieldManager: String, force: Bool = false)

    /// The patch document.
    public var body: JSONValue {
        switch self {
        case .json(let value), .merge(let value), .strategicMerge(let value), .apply(let value, _, _): return value
        }
    }

    /// The `Content-Type` naming the patch type.
    public var contentType: String {
        switch self {
        case .json: return "application/json-patch+json"
        case .merge: return "application/merge-patch+json"
        case .strategicMerge: return "application/strategic-merge-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }
}
