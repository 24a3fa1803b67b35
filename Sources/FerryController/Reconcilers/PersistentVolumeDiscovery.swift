public import FerryAPI
import FerryEngine
public import KubeCore

/// Turns the claims of a plan's source namespaces into `spec.persistentVolumes` entries, the
/// way MTC's plan controller does, keeping every choice the user already made.
///
/// Rules: one entry per bound claim, named after its volume. Supported actions: `copy` when
/// the destination has a storage class, `move` when the volume is shared storage Ferry can
/// hand over (hostPath, NFS, local), `skip` always. Copy methods: `filesystem`, plus `block`
/// for block-mode volumes. The default selection is `copy` when supported, else `move`, into
/// the destination class of the same name, else the destination's default class. A user's
/// existing `selection`, and a `src:target` claim name, are never overwritten.
public struct PersistentVolumeDiscovery: Sendable {
    /// The storage classes of the destination cluster.
    public var destinationClasses: [MigPlan.StorageClass]
    /// The plan's uid: claims this plan created (a storage conversion's new claims, in the
    /// same namespace) are not volumes to migrate.
    public var planUID: String?
    /// A storage conversion plan: a claim without a `src:target` name gets MTC's
    /// `src:src-new`.
    public var convertsStorage = false

    /// Creates a discovery for a destination with these classes.
    public init(destinationClasses: [MigPlan.StorageClass]) {
        self.destinationClasses = destinationClasses
    }

    /// The entries for `claims`, given the cluster's `volumes` and the `pods` that may mount
    /// the claims, merged with the plan's `existing` entries.
    public func entries(claims: [KubeObject], volumes: [KubeObject], pods: [KubeObject], existing: [MigPlan.PersistentVolume]) -> [MigPlan.PersistentVolume] {
        let volumesByName = Dictionary(volumes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let existingByName = Dictionary(existing.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var mounted = Set<String>()
        for pod in pods {
            for volume in pod[path: "spec", "volumes"]?.arrayValue ?? [] {
                if let claim = volume[path: ["persistentVolumeClaim", "claimName"]]?.stringValue {
                    mounted.insert("\(pod.namespace ?? "")/\(claim)")
                }
            }
        }
        var result: [MigPlan.PersistentVolume] = []
        for claim in claims.sorted(by: { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }) {
            guard let volumeName = claim[path: "spec", "volumeName"]?.stringValue, !volumeName.isEmpty else { continue }
            if let planUID, !planUID.isEmpty, claim.labels[MigrationAPI.migratedByPlanLabel] == planUID { continue }
            let volume = volumesByName[volumeName]
            let namespace = claim.namespace ?? ""
            let volumeMode = claim[path: "spec", "volumeMode"]?.stringValue ?? volume?[path: "spec", "volumeMode"]?.stringValue ?? "Filesystem"
            let accessModes = (claim[path: "spec", "accessModes"]?.arrayValue ?? []).compactMap(\.stringValue)
            let storageClass = volume?[path: "spec", "storageClassName"]?.stringValue ?? claim[path: "spec", "storageClassName"]?.stringValue
            let previous = existingByName[volumeName]
            var claimName = claim.name
            if let previousName = previous?.pvc?.name, previous?.pvc?.sourceName == claim.name { claimName = previousName }
            if convertsStorage, !claimName.contains(":") { claimName = "\(claim.name):\(MigrationScope.convertedClaimName(claim.name))" }

            var entry = MigPlan.PersistentVolume(
                name: volumeName,
                capacity: volume?[path: "spec", "capacity", "storage"]?.stringValue
                    ?? claim[path: "status", "capacity", "storage"]?.stringValue ?? claim[path: "spec", "resources", "requests", "storage"]?.stringValue,
                storageClass: storageClass,
                supported: supported(volume: volume, volumeMode: volumeMode),
                pvc: MigPlan.PersistentVolume.Claim(
                    namespace: namespace, name: claimName, accessModes: accessModes, volumeMode: volumeMode,
                    hasReference: mounted.contains("\(namespace)/\(claim.name)")))
            entry.selection = previous?.selection ?? defaultSelection(for: entry, accessModes: accessModes, volumeMode: volumeMode)
            entry.capacityConfirmed = previous?.capacityConfirmed
            entry.proposedCapacity = previous?.proposedCapacity
            result.append(entry)
        }
        return result
    }

    func supported(volume: KubeObject?, volumeMode: String) -> MigPlan.PersistentVolume.Supported {
        var actions: [String] = []
        if !destinationClasses.isEmpty { actions.append("copy") }
        if let spec = volume?[path: "spec"], spec["hostPath"] != nil || spec["nfs"] != nil || spec["local"] != nil {
            actions.append("move")
        }
        actions.append("skip")
        let copyMethods = volumeMode == "Block" ? ["filesystem", "block"] : ["filesystem"]
        return MigPlan.PersistentVolume.Supported(actions: actions, copyMethods: copyMethods)
    }

    func defaultSelection(for entry: MigPlan.PersistentVolume, accessModes: [String], volumeMode: String) -> MigPlan.PersistentVolume.Selection {
        let actions = entry.supported?.actions ?? []
        let action = actions.contains("copy") ? "copy" : actions.contains("move") ? "move" : "skip"
        var selection = MigPlan.PersistentVolume.Selection(action: action)
        switch action {
        case "copy":
            let sameName = destinationClasses.first { $0.name == entry.storageClass }
            let fallback = destinationClasses.first { $0.default == true } ?? destinationClasses.first
            selection.storageClass = (sameName ?? fallback)?.name
            selection.accessMode = accessModes.first
            selection.copyMethod = volumeMode == "Block" ? "block" : "filesystem"
        case "move":
            selection.storageClass = entry.storageClass
            selection.accessMode = accessModes.first
        default:
            break
        }
        return selection
    }
}
