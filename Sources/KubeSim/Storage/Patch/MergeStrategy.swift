import KubeCore

/// How strategic merge treats a list field of the built-in kinds, from the Kubernetes API's
/// `patchStrategy`/`patchMergeKey` tags.
enum MergeStrategy: Equatable {
    /// Elements are objects matched by this key.
    case mergeByKey(String)
    /// Elements are primitives merged as a set (`finalizers`).
    case mergeAsSet
    /// The list is replaced (JSON merge patch behaviour).
    case replace

    /// The strategy for list field `field`; `sample` is an element of the patch or original
    /// list, which tells container ports (`containerPort`) from service ports (`port`).
    static func forField(_ field: String, sample: JSONValue?) -> MergeStrategy {
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets",
            "resourceClaims", "schedulingGates", "claims":
            return .mergeByKey("name")
        case "volumeMounts": return .mergeByKey("mountPath")
        case "volumeDevices": return .mergeByKey("devicePath")
        case "ownerReferences": return .mergeByKey("uid")
        case "conditions": return .mergeByKey("type")
        case "hostAliases": return .mergeByKey("ip")
        case "readinessGates": return .mergeByKey("conditionType")
        case "topologySpreadConstraints": return .mergeByKey("topologyKey")
        case "podIPs", "hostIPs": return .mergeByKey("ip")
        case "finalizers": return .mergeAsSet
        case "ports":
            if let sample, sample["containerPort"] != nil { return .mergeByKey("containerPort") }
            if let sample, sample["port"] != nil { return .mergeByKey("port") }
            return .mergeByKey("containerPort")
        default: return .replace
        }
    }
}
