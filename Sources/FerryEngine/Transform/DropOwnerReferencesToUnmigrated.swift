public import KubeCore

/// Leaves objects controlled by a migrated object to that owner (it recreates them) and
/// removes owner references to objects that are not migrated (the garbage collector would
/// otherwise delete the object on the destination).
public struct DropOwnerReferencesToUnmigrated: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `DropOwnerReferencesToUnmigrated`.
    public var name: String { "DropOwnerReferencesToUnmigrated" }

    /// Drops controlled objects of migrated owners; keeps only references to migrated owners.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        let references = object.ownerReferences
        guard !references.isEmpty else { return .keep }
        if let controller = object.controllerReference, context.migratedUIDs.contains(controller.uid) {
            return .drop(reason: "controlled by migrated \(controller.kind) \(controller.name), which recreates it")
        }
        guard case .array(let raw)? = object[path: "metadata", "ownerReferences"] else { return .keep }
        // Filter the raw JSON so references keep any member OwnerReference does not model.
        let kept = raw.filter { reference in
            guard let uid = reference["uid"]?.stringValue else { return false }
            return context.migratedUIDs.contains(uid)
        }
        if kept.isEmpty {
            object.removeMember(at: "metadata", "ownerReferences")
        } else if kept.count != raw.count {
            object[path: "metadata", "ownerReferences"] = .array(kept)
        }
        return .keep
    }
}
