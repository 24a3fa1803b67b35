public import KubeCore

/// Removes what ties a Pod to a source node or to source-generated credentials.
public struct CleanPod: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `CleanPod`.
    public var name: String { "CleanPod" }

    /// Removes `spec.nodeName`, the admission-computed `spec.priority` (admission rejects a
    /// value that differs from the destination's priority class), and the volumes and pull
    /// secrets of generated service-account Secrets, which are not migrated (the destination
    /// injects its own).
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard object.kind == "Pod", object.groupVersion.group.isEmpty else { return .keep }
        object.removeMember(at: "spec", "nodeName")
        object.removeMember(at: "spec", "priority")
        removeGeneratedTokenVolumes(&object)
        removeGeneratedPullSecrets(&object)
        return .keep
    }

    private func removeGeneratedPullSecrets(_ object: inout KubeObject) {
        guard case .array(let pullSecrets)? = object[path: "spec", "imagePullSecrets"] else { return }
        let account = object[path: "spec", "serviceAccountName"]?.stringValue ?? "default"
        let kept = pullSecrets.filter { !($0["name"]?.stringValue ?? "").hasPrefix("\(account)-dockercfg-") }
        guard kept.count != pullSecrets.count else { return }
        if kept.isEmpty {
            object.removeMember(at: "spec", "imagePullSecrets")
        } else {
            object[path: "spec", "imagePullSecrets"] = .array(kept)
        }
    }

    private func removeGeneratedTokenVolumes(_ object: inout KubeObject) {
        guard case .array(let volumes)? = object[path: "spec", "volumes"] else { return }
        let account = object[path: "spec", "serviceAccountName"]?.stringValue ?? "default"
        let generated = Set(volumes.compactMap { volume -> String? in
            guard let name = volume["name"]?.stringValue else { return nil }
            if name.hasPrefix("kube-api-access-"), volume["projected"] != nil { return name }
            if let secret = volume["secret"]?["secretName"]?.stringValue, secret.hasPrefix("\(account)-token-") {
                return name
            }
            return nil
        })
        guard !generated.isEmpty else { return }
        let remaining = volumes.filter { !generated.contains($0["name"]?.stringValue ?? "") }
        if remaining.isEmpty {
            object.removeMember(at: "spec", "volumes")
        } else {
            object[path: "spec", "volumes"] = .array(remaining)
        }
        for containerKind in ["initContainers", "containers", "ephemeralContainers"] {
            guard case .array(var containers)? = object[path: "spec", containerKind] else { continue }
            for index in containers.indices {
                guard case .object(var container) = containers[index],
                      case .array(let mounts)? = container["volumeMounts"] else { continue }
                let keptMounts = mounts.filter { !generated.contains($0["name"]?.stringValue ?? "") }
                container["volumeMounts"] = keptMounts.isEmpty ? nil : .array(keptMounts)
                containers[index] = .object(container)
            }
            object[path: "spec", containerKind] = .array(containers)
        }
    }
}
