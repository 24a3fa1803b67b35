public import KubeCore

/// Prepares a PersistentVolume to bind to the migrated claim instead of the source claim.
public struct CleanPersistentVolume: ObjectTransform {
    /// Annotation the binder sets on volumes it bound.
    public static let boundByControllerAnnotation = "pv.kubernetes.io/bound-by-controller"

    /// Creates the transform.
    public init() {}

    /// `CleanPersistentVolume`.
    public var name: String { "CleanPersistentVolume" }

    /// Removes the source claim's `uid` and `resourceVersion` from `spec.claimRef` (the
    /// binder would otherwise treat the claim as gone and release the volume) and follows
    /// the plan's claim rename; the claim namespace is mapped by ``MapNamespaces``.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard object.kind == "PersistentVolume", object.groupVersion.group.isEmpty else { return .keep }
        object.removeAnnotations { $0 == Self.boundByControllerAnnotation }
        guard case .object(var claimRef)? = object[path: "spec", "claimRef"] else { return .keep }
        claimRef["uid"] = nil
        claimRef["resourceVersion"] = nil
        if let namespace = claimRef["namespace"]?.stringValue, let name = claimRef["name"]?.stringValue,
           let targetName = context.persistentVolumeClaimSelections["\(namespace)/\(name)"]?.targetName {
            claimRef["name"] = .string(targetName)
        }
        object[path: "spec", "claimRef"] = .object(claimRef)
        return .keep
    }
}
