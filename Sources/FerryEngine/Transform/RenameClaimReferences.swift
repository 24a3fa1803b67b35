public import KubeCore

/// Points pod volumes at the destination names of claims the plan renames, in Pods and in
/// the pod templates of workloads.
public struct RenameClaimReferences: ObjectTransform {
    /// Where each kind keeps its pod spec, as a path of object keys.
    public static let podSpecPaths: [String: [String]] = [
        "Pod": ["spec"],
        "Deployment": ["spec", "template", "spec"],
        "StatefulSet": ["spec", "template", "spec"],
        "DaemonSet": ["spec", "template", "spec"],
        "ReplicaSet": ["spec", "template", "spec"],
        "ReplicationController": ["spec", "template", "spec"],
        "DeploymentConfig": ["spec", "template", "spec"],
        "Job": ["spec", "template", "spec"],
        "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
    ]

    /// Creates the transform.
    public init() {}

    /// `RenameClaimReferences`.
    public var name: String { "RenameClaimReferences" }

    /// Rewrites `volumes[].persistentVolumeClaim.claimName` for claims with a target name.
    /// Runs before ``MapNamespaces``: selections are keyed by source namespace.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard !context.persistentVolumeClaimSelections.isEmpty,
              let namespace = object.namespace,
              let specPath = Self.podSpecPaths[object.kind] else { return .keep }
        let volumesPath = specPath + ["volumes"]
        var document = object.json
        guard case .array(var volumes)? = document[path: volumesPath] else { return .keep }
        var changed = false
        for index in volumes.indices {
            guard let claimName = volumes[index]["persistentVolumeClaim"]?["claimName"]?.stringValue,
                  let target = context.persistentVolumeClaimSelections["\(namespace)/\(claimName)"]?.targetName else { continue }
            volumes[index][path: ["persistentVolumeClaim", "claimName"]] = .string(target)
            changed = true
        }
        guard changed else { return .keep }
        document[path: volumesPath] = .array(volumes)
        object = (try? KubeObject(json: document)) ?? object
        return .keep
    }
}
