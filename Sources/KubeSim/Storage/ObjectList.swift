public import KubeCore

/// One page of a list.
public struct ObjectList: Sendable, Hashable {
    /// The objects, ordered by namespace then name.
    public var items: [KubeObject]
    /// The store's resource version at the time of the list.
    public var resourceVersion: String
    /// The token for the next page, when there is one.
    public var continueToken: String?
    /// How many items remain after this page, when paging.
    public var remainingItemCount: Int?

    /// Creates a page.
    public init(items: [KubeObject], resourceVersion: String, continueToken: String? = nil, remainingItemCount: Int? = nil) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
    }
}

/// One event of a watch.
public struct WatchEvent: Sendable, Hashable {
    /// What happened.
    public typealias EventType = WatchEventType

    /// The event type.
    public var type: EventType
    /// The object (a `Status` for errors).
    public var object: KubeObject
    /// The resource of `object`; lets one watch over every resource tell them apart.
    public var resource: GroupResource

    /// Creates an event.
    public init(type: EventType, object: KubeObject, resource: GroupResource) {
        self.type = type
        self.object = object
        self.resource = resource
    }
}
