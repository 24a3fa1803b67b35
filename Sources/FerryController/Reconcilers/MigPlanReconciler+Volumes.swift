import FerryAPI
import FerryEngine
import KubeCore

extension MigPlanReconciler {
    /// Checks the volume selections against the destination's storage classes, and reports
    /// the volumes whose proposed capacity exceeds their capacity (PV resizing):
    /// `PvInvalidStorageClass` and `PvInvalidAccessMode` (Critical) for a selected class the
    /// destination lacks or an access mode the class does not offer, so a claim never waits
    /// Pending for a class that does not exist; `PvCapacityAdjustmentRequired` (Warn, True
    /// when resizing is off, False when it adjusts them) as MTC reports it.
    func validateVolumes(_ entries: [MigPlan.PersistentVolume], destinationClasses: [MigPlan.StorageClass], into report: inout PlanReport) {
        let classes = Dictionary(destinationClasses.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var missingClasses: [String] = []
        var badModes: [String] = []
        var resized: [String] = []
        for entry in entries {
            let claim = entry.pvc.map { "\($0.namespace)/\($0.sourceName)" } ?? entry.name
            if (entry.selection?.action ?? "copy") == "copy", let className = entry.selection?.storageClass, !className.isEmpty {
                if let storageClass = classes[className] {
                    if let mode = entry.selection?.accessMode, !mode.isEmpty, let modes = storageClass.accessModes, !modes.contains(mode) {
                        badModes.append("\(claim): \(mode) with class \(className) (offers \(modes.joined(separator: ", ")))")
                    }
                } else {
                    missingClasses.append("\(claim) → \(className)")
                }
            }
            if let proposed = StorageCapacity(parsing: entry.proposedCapacity), let capacity = StorageCapacity(parsing: entry.capacity), proposed > capacity {
                resized.append("\(claim) (\(capacity.formatted) → \(proposed.formatted))")
            }
        }
        if !missingClasses.isEmpty {
            let available = destinationClasses.map(\.name).joined(separator: ", ")
            report.add("PvInvalidStorageClass", reason: "NotFound", category: MigrationCondition.Category.critical,
                "Persistent volumes select storage classes the destination cluster does not have: [\(missingClasses.joined(separator: ", "))]; "
                    + "choose one of [\(available)] in spec.persistentVolumes[].selection.storageClass.")
        }
        if !badModes.isEmpty {
            report.add("PvInvalidAccessMode", reason: "NotSupported", category: MigrationCondition.Category.critical,
                "Persistent volumes select access modes their destination storage class does not offer: [\(badModes.joined(separator: "; "))]; "
                    + "change spec.persistentVolumes[].selection.accessMode or the storage class.")
        }
        guard !resized.isEmpty else { return }
        if settings.enablePVResizing {
            report.add(MigrationCondition(
                type: "PvCapacityAdjustmentRequired", status: false, reason: "Done", category: MigrationCondition.Category.warn,
                message: "The capacity of these volumes will be adjusted on the destination to hold their data: [\(resized.joined(separator: ", "))]",
                durable: true))
        } else {
            report.add("PvCapacityAdjustmentRequired", reason: "NotDone", category: MigrationCondition.Category.warn,
                "Copying these volumes may fail: their data is close to or above their capacity [\(resized.joined(separator: ", "))]; "
                    + "enable PV resizing in the controller or enlarge the destination claims.")
        }
    }
}
