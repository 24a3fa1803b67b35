public import KubeCore

/// Unbinds a claim from its source volume and applies the plan's storage choices.
public struct CleanPersistentVolumeClaim: ObjectTransform {
    /// Annotations the binder and scheduler set on a bound claim.
    public static let bindAnnotations: Set<String> = [
        "pv.kubernetes.io/bind-completed",
        "pv.kubernetes.io/bound-by-controller",
        "volume.kubernetes.io/selected-node",
        "volume.beta.kubernetes.io/storage-provisioner",
        "volume.kubernetes.io/storage-provisioner",
    ]

    /// Creates the transform.
    public init() {}

    /// `CleanPersistentVolumeClaim`.
    public var name: String { "CleanPersistentVolumeClaim" }

    /// Removes `spec.volumeName`, `spec.selector` and bind annotations, then sets the storage
    /// class, access mode, volume mode, least capacity (PV resizing) and name chosen for
    /// `namespace/name` (source names).
    ///
    /// A claim whose volume is moved keeps `spec.volumeName` and its class and access modes:
    /// it must bind to that same volume on the destination.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard object.kind == "PersistentVolumeClaim", object.groupVersion.group.isEmpty else { return .keep }
        let selection = context.persistentVolumeClaimSelections[object.qualifiedName]
        let isMoved = selection?.action == .move
        if !isMoved { object.removeMember(at: "spec", "volumeName") }
        object.removeMember(at: "spec", "selector")
        object.removeAnnotations { Self.bindAnnotations.contains($0) }
        guard let selection else { return .keep }
        if isMoved {
            if let targetName = selection.targetName { object.name = targetName }
            return .keep
        }
        if let storageClassName = selection.storageClassName {
            object[path: "spec", "storageClassName"] = .string(storageClassName)
            // The beta annotation overrides spec.storageClassName; it would keep the old class.
            object.removeAnnotations { $0 == "volume.beta.kubernetes.io/storage-class" }
        }
        if let accessMode = selection.accessMode {
            object[path: "spec", "accessModes"] = .array([.string(accessMode)])
        }
        if let volumeMode = selection.volumeMode {
            object[path: "spec", "volumeMode"] = .string(volumeMode)
        }
        if let minimum = StorageCapacity(parsing: selection.minimumCapacity) {
            let requested = StorageCapacity(parsing: object[path: "spec", "resources", "requests", "storage"]?.stringValue)
            if requested.map({ $0 < minimum }) ?? true {
                object[path: "spec", "resources", "requests", "storage"] = .string(minimum.formatted)
            }
        }
        if let targetName = selection.targetName {
            object.name = targetName
        }
        return .keep
    }
}
