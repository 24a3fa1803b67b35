import Foundation
import KubeCore
import KubeSimStorage

/// Binds claims to volumes: pre-created volumes first (those reserved for the claim, then any
/// available one that fits), otherwise a new hostPath volume under the state directory for
/// classes of the `ferry.dev/hostpath` provisioner. Volumes whose claim is gone are released,
/// and deleted with their directory when their reclaim policy is Delete.
struct PersistentVolumeController: Reconciler {
    static let provisioner = "ferry.dev/hostpath"
    static let defaultClassAnnotation = "storageclass.kubernetes.io/is-default-class"

    let context: ControllerContext
    let settings: ClusterSettings

    var name: String { "persistentvolume" }
    var watchedResources: [GroupResource]? { [Resources.persistentVolumeClaims, Resources.persistentVolumes, Resources.storageClasses] }
    var primaryResource: GroupResource { Resources.persistentVolumeClaims }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        switch event.resource {
        case Resources.persistentVolumeClaims:
            var keys = [ObjectKey(Resources.persistentVolumeClaims, object: event.object)]
            if event.type == .deleted, let volume = event.object.string("spec", "volumeName") {
                keys.append(ObjectKey(Resources.persistentVolumes, namespace: nil, name: volume))
            }
            return keys
        case Resources.persistentVolumes:
            var keys = [ObjectKey(Resources.persistentVolumes, object: event.object)]
            if let claim = event.object.spec?["claimRef"], let name = claim["name"]?.stringValue {
                keys.append(ObjectKey(Resources.persistentVolumeClaims, namespace: claim["namespace"]?.stringValue, name: name))
            } else if event.type != .deleted {
                // An unclaimed volume may suit a claim that waits already, as the binder's resync finds.
                keys += cache.objects(Resources.persistentVolumeClaims, namespace: nil)
                    .filter { $0.string("status", "phase") != "Bound" }.map { ObjectKey(Resources.persistentVolumeClaims, object: $0) }
            }
            return keys
        default:
            return cache.objects(Resources.persistentVolumeClaims, namespace: nil)
                .filter { $0.string("status", "phase") != "Bound" }.map { ObjectKey(Resources.persistentVolumeClaims, object: $0) }
        }
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        if key.resource == Resources.persistentVolumes {
            try reconcileVolume(key)
            return nil
        }
        guard let claim = try context.fetch(key), !claim.isBeingDeleted else { return nil }
        if let volumeName = claim.string("spec", "volumeName") {
            guard let volume = try context.fetch(ObjectKey(Resources.persistentVolumes, namespace: nil, name: volumeName)) else {
                try setClaimPhase(claim, "Lost")
                return nil
            }
            let reference = volume.spec?["claimRef"]
            if reference == nil || (reference?["name"]?.stringValue == claim.name && reference?["namespace"]?.stringValue == claim.namespace) {
                try bind(claim, to: volume)
            }
            return nil
        }
        let className = try storageClassName(of: claim)
        if let volume = findVolume(for: claim, className: className, cache: cache) {
            try bind(claim, to: volume)
        } else if let className, let volume = try provision(for: claim, className: className) {
            cache.upsert(volume, resource: Resources.persistentVolumes)
            try bind(claim, to: volume)
        } else {
            try setClaimPhase(claim, "Pending")
        }
        return nil
    }

    /// The claim's class: its own, else the default class.
    private func storageClassName(of claim: KubeObject) throws -> String? {
        if let name = claim.string("spec", "storageClassName") { return name.isEmpty ? nil : name }
        let classes = try context.store.list(context.definition(Resources.storageClasses), namespace: nil).items
        return classes.first { $0.annotations[Self.defaultClassAnnotation] == "true" }?.name
    }

    private func findVolume(for claim: KubeObject, className: String?, cache: ObjectCache) -> KubeObject? {
        let volumes = cache.objects(Resources.persistentVolumes, namespace: nil)
        if let reserved = volumes.first(where: { volume in
            let reference = volume.spec?["claimRef"]
            return reference?["name"]?.stringValue == claim.name && reference?["namespace"]?.stringValue == claim.namespace
                && (reference?["uid"]?.stringValue).map { $0 == claim.uid } ?? true
        }) {
            return reserved
        }
        let request = Quantity.bytes(claim.string("spec", "resources", "requests", "storage")) ?? 0
        let modes = Set(claim.spec?["accessModes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        return volumes.filter { volume in
            volume.spec?["claimRef"] == nil && (volume.string("status", "phase") ?? "Available") == "Available"
                && (volume.string("spec", "storageClassName") ?? "") == (className ?? "")
                && Quantity.bytes(volume.string("spec", "capacity", "storage")) ?? 0 >= request
                && modes.isSubset(of: volume.spec?["accessModes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }.min { (Quantity.bytes($0.string("spec", "capacity", "storage")) ?? 0) < (Quantity.bytes($1.string("spec", "capacity", "storage")) ?? 0) }
    }

    private func provision(for claim: KubeObject, className: String) throws -> KubeObject? {
        guard let stateDirectory = settings.stateDirectory, let uid = claim.uid,
            let storageClass = try context.fetch(ObjectKey(Resources.storageClasses, namespace: nil, name: className)),
            storageClass.string("provisioner") == Self.provisioner
        else { return nil }
        let name = "pvc-\(uid)"
        let path = "\(stateDirectory)/volumes/\(name)"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw KubeAPIError.internalError("cannot create the volume directory \(path): \(error)")
        }
        var volume = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: name)
        volume.annotations = ["pv.kubernetes.io/provisioned-by": Self.provisioner]
        volume.finalizers = ["kubernetes.io/pv-protection"]
        volume.spec = [
            "capacity": ["storage": .string(claim.string("spec", "resources", "requests", "storage") ?? "1Gi")],
            "accessModes": claim.spec?["accessModes"] ?? ["ReadWriteOnce"],
            "hostPath": ["path": .string(path), "type": ""],
            "persistentVolumeReclaimPolicy": .string(storageClass.string("reclaimPolicy") ?? "Delete"),
            "storageClassName": .string(className),
            "volumeMode": claim.spec?["volumeMode"] ?? "Filesystem",
            "claimRef": Self.claimReference(claim),
        ]
        var created: KubeObject?
        try tolerating(\.isAlreadyExists) { () throws(KubeAPIError) in
            created = try context.store.create(volume, in: context.definition(Resources.persistentVolumes))
        }
        return try created ?? context.fetch(ObjectKey(Resources.persistentVolumes, namespace: nil, name: name))
    }

    private static func claimReference(_ claim: KubeObject) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "PersistentVolumeClaim", "namespace": .string(claim.namespace ?? ""),
            "name": .string(claim.name), "uid": .string(claim.uid ?? ""), "resourceVersion": .string(claim.resourceVersion ?? ""),
        ]
    }

    private func bind(_ claim: KubeObject, to volume: KubeObject) throws {
        let volumeDefinition = try context.definition(Resources.persistentVolumes)
        var bound = volume
        if volume.spec?["claimRef"]?["uid"]?.stringValue != claim.uid {
            bound = try context.store.modify(volumeDefinition, namespace: nil, name: volume.name) { current in
                current[path: "spec", "claimRef"] = Self.claimReference(claim)
            }
        }
        try context.updateStatus(Resources.persistentVolumes, of: bound, to: ["phase": "Bound"])
        let claimDefinition = try context.definition(Resources.persistentVolumeClaims)
        var current = claim
        let provisioned = volume.annotations["pv.kubernetes.io/provisioned-by"] != nil
        if claim.string("spec", "volumeName") != volume.name || claim.annotations["pv.kubernetes.io/bind-completed"] != "yes" {
            current = try context.store.modify(claimDefinition, namespace: claim.namespace, name: claim.name) { object in
                object[path: "spec", "volumeName"] = .string(volume.name)
                if object.string("spec", "storageClassName") == nil, let className = volume.string("spec", "storageClassName") {
                    object[path: "spec", "storageClassName"] = .string(className)
                }
                var annotations = object.annotations
                annotations["pv.kubernetes.io/bind-completed"] = "yes"
                annotations["pv.kubernetes.io/bound-by-controller"] = "yes"
                if provisioned {
                    annotations["volume.kubernetes.io/storage-provisioner"] = Self.provisioner
                    annotations["volume.beta.kubernetes.io/storage-provisioner"] = Self.provisioner
                }
                object.annotations = annotations
            }
        }
        var status = current.status ?? [:]
        status["phase"] = "Bound"
        status["accessModes"] = volume.spec?["accessModes"] ?? ["ReadWriteOnce"]
        status["capacity"] = volume.spec?["capacity"] ?? [:]
        try context.updateStatus(Resources.persistentVolumeClaims, of: current, to: status)
    }

    private func setClaimPhase(_ claim: KubeObject, _ phase: String) throws {
        var status = claim.status ?? [:]
        status["phase"] = .string(phase)
        try context.updateStatus(Resources.persistentVolumeClaims, of: claim, to: status)
    }

    /// Releases (and, with reclaim policy Delete, deletes) a volume whose claim is gone.
    private func reconcileVolume(_ key: ObjectKey) throws {
        guard let volume = try context.fetch(key) else { return }
        if volume.isBeingDeleted {
            try removeVolume(volume)
            return
        }
        guard let reference = volume.spec?["claimRef"], let claimName = reference["name"]?.stringValue else {
            if volume.string("status", "phase") != "Available" { try context.updateStatus(Resources.persistentVolumes, of: volume, to: ["phase": "Available"]) }
            return
        }
        let claim = try context.fetch(ObjectKey(Resources.persistentVolumeClaims, namespace: reference["namespace"]?.stringValue, name: claimName))
        let referencedUID = reference["uid"]?.stringValue ?? ""
        guard claim == nil || (!referencedUID.isEmpty && claim?.uid != referencedUID) else {
            if claim != nil, volume.string("status", "phase") == nil { try context.updateStatus(Resources.persistentVolumes, of: volume, to: ["phase": "Available"]) }
            return
        }
        // A volume reserved for a claim not yet created waits for it.
        if referencedUID.isEmpty { return }
        if (volume.string("spec", "persistentVolumeReclaimPolicy") ?? "Retain") == "Delete" {
            try context.updateStatus(Resources.persistentVolumes, of: volume, to: ["phase": "Released"])
            try context.deleteIfPresent(Resources.persistentVolumes, namespace: nil, name: volume.name)
            if let current = try context.fetch(key) { try removeVolume(current) }
        } else if volume.string("status", "phase") != "Released" {
            try context.updateStatus(Resources.persistentVolumes, of: volume, to: ["phase": "Released", "message": "Volume is released"])
        }
    }

    /// Removes a deleted volume's directory (only ours, under the state directory) and its
    /// protection finalizer.
    private func removeVolume(_ volume: KubeObject) throws {
        if volume.annotations["pv.kubernetes.io/provisioned-by"] == Self.provisioner, let stateDirectory = settings.stateDirectory,
            let path = volume.string("spec", "hostPath", "path")
        {
            let root = URL(fileURLWithPath: stateDirectory).appendingPathComponent("volumes").standardizedFileURL.path + "/"
            let target = URL(fileURLWithPath: path).standardizedFileURL.path
            if target.hasPrefix(root), FileManager.default.fileExists(atPath: target) {
                do {
                    try FileManager.default.removeItem(atPath: target)
                } catch {
                    throw KubeAPIError.internalError("cannot remove the volume directory \(target): \(error)")
                }
            }
        }
        guard volume.finalizers.contains("kubernetes.io/pv-protection") else { return }
        try context.store.modify(context.definition(Resources.persistentVolumes), namespace: nil, name: volume.name) { current in
            current.finalizers = current.finalizers.filter { $0 != "kubernetes.io/pv-protection" }
        }
    }
}
