/// The type of a watch event, as on the wire.
public enum WatchEventType: String, Sendable, Hashable {
    /// The object appeared (or is part of the initial state).
    case added = "ADDED"
    /// The object changed.
    case modified = "MODIFIED"
    /// The object went away; the event carries its last state.
    case deleted = "DELETED"
    /// Nothing changed, but the watch has seen everything up to the object's resourceVersion.
    case bookmark = "BOOKMARK"
    /// The watch failed; the event's object is a `Status`.
    case error = "ERROR"
}
