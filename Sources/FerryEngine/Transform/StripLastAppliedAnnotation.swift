public import KubeCore

/// Removes `kubectl.kubernetes.io/last-applied-configuration`, which still names the source
/// namespace and server fields, unless the plan asks to keep annotations.
public struct StripLastAppliedAnnotation: ObjectTransform {
    /// The annotation kubectl apply writes.
    public static let annotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// Creates the transform.
    public init() {}

    /// `StripLastAppliedAnnotation`.
    public var name: String { "StripLastAppliedAnnotation" }

    /// Removes the annotation unless `context.keepAnnotations`.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard !context.keepAnnotations else { return .keep }
        object.removeAnnotations { $0 == Self.annotation }
        return .keep
    }
}
