public import KubeCore

/// Carries out the plan's action for each claim: skipped claims stay behind, copied claims
/// get a new volume on the destination (so their source PersistentVolume is not migrated),
/// and moved claims take their PersistentVolume with them.
///
/// Selections are keyed by source names, so this runs before anything renames or maps
/// namespaces.
public struct ApplyVolumeActions: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `ApplyVolumeActions`.
    public var name: String { "ApplyVolumeActions" }

    /// Drops skipped claims (and, in a state migration, claims the plan does not list) and every volume whose claim is not moved; a moved volume keeps
    /// its backing storage and gets reclaim policy `Retain`, so the destination never deletes
    /// data the source still owns.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard object.groupVersion.group.isEmpty else { return .keep }
        switch object.kind {
        case "PersistentVolumeClaim":
            if context.migratesOnlySelectedClaims, context.persistentVolumeClaimSelections[object.qualifiedName] == nil {
                return .drop(reason: "state migration: the claim is not one of the plan's persistent volumes")
            }
            if context.persistentVolumeClaimSelections[object.qualifiedName]?.action == .skip {
                return .drop(reason: "persistent volume action skip")
            }
            return .keep
        case "PersistentVolume":
            guard let namespace = object[path: "spec", "claimRef", "namespace"]?.stringValue,
                  let claim = object[path: "spec", "claimRef", "name"]?.stringValue else {
                return .drop(reason: "not bound to a migrated claim")
            }
            switch context.persistentVolumeClaimSelections["\(namespace)/\(claim)"]?.action ?? .copy {
            case .move:
                object[path: "spec", "persistentVolumeReclaimPolicy"] = .string("Retain")
                return .keep
            case .copy:
                return .drop(reason: "volume data is copied into a new volume")
            case .skip:
                return .drop(reason: "persistent volume action skip")
            }
        default:
            return .keep
        }
    }
}
