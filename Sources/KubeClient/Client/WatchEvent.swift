public import KubeCore

/// One event of a watch.
public struct WatchEvent: Sendable, Hashable {
    /// What happened.
    public typealias EventType = WatchEventType

    /// What happened.
    public var type: EventType
    /// The object (a `Status` for `.error`).
    public var object: KubeObject

    /// Creates an event.
    public init(type: EventType, object: KubeObject) {
        self.type = type
        self.object = object
    }

    /// For `.error` events, the failure the `Status` describes.
    public var error: KubeAPIError? {
        guard type == .error else { return nil }
        return KubeAPIError(status: object.json) ?? KubeAPIError(code: 500, reason: "InternalError", message: object.description)
    }

    /// Reads one line of a watch stream: `{"type": "...", "object": {...}}`.
    public init(line: some Collection<UInt8>) throws(KubeClientError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            throw KubeClientError(.invalidResponse, "a watch event is not JSON: \(error)")
        }
        guard let typeName = value["type"]?.stringValue, let type = EventType(rawValue: typeName) else {
            throw KubeClientError(.invalidResponse, "a watch event has no known type: \(value.serializedString().prefix(200))")
        }
        guard let object = value["object"]?.objectValue else {
            throw KubeClientError(.invalidResponse, "a \(typeName) watch event has no object")
        }
        self.init(type: type, object: KubeObject(object))
    }
}
