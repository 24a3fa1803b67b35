public import KubeCore

/// Removes a Route host the source router generated, so the destination generates its own.
public struct CleanRoute: ObjectTransform {
    /// The annotation OpenShift sets on Routes whose host it generated.
    public static let hostGeneratedAnnotation = "openshift.io/host.generated"

    /// Creates the transform.
    public init() {}

    /// `CleanRoute`.
    public var name: String { "CleanRoute" }

    /// Removes `spec.host` when the annotation says it was generated.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard object.kind == "Route", object.groupVersion.group == "route.openshift.io" else { return .keep }
        if object.annotations[Self.hostGeneratedAnnotation] == "true" {
            object.removeMember(at: "spec", "host")
        }
        return .keep
    }
}
