/// What a transform decided about an object.
public enum TransformOutcome: Sendable, Hashable {
    /// Carry the (possibly changed) object on to the next transform.
    case keep
    /// Do not create the object on the destination.
    case drop(reason: String)
}
