public import KubeCore

extension ListOptions {
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
        if sendInitialEvents { items.append(.init("sendInitialEvents", "true")) }
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
