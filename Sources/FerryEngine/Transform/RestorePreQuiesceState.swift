public import KubeCore

/// Gives workloads collected from an already-quiesced source (a cutover that resumes after
/// quiescing) the state they had before, so the destination runs what the source ran.
public struct RestorePreQuiesceState: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `RestorePreQuiesceState`.
    public var name: String { "RestorePreQuiesceState" }

    /// Puts back replicas, paused, node selectors, suspend and parallelism saved in the
    /// pre-quiesce annotations, and removes those annotations.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        object = QuiesceAnnotations.restoringOriginal(object)
        return .keep
    }
}
