import FerryAPI
import KubeClient
import KubeCore

extension MigPlanReconciler {
    /// Checks the plan's hooks (each MigHook exists, each phase is known and used once) and
    /// its MigStorage (exists when named; named when an indirect migration is asked for).
    func validateReferences(of plan: MigPlan, into report: inout PlanReport) async throws {
        var missingHooks: [String] = []
        var unknownPhases: [String] = []
        var usedPhases = Set<String>()
        var repeatedPhases = Set<String>()
        for hook in plan.spec.hooks ?? [] {
            if let phase = hook.phase {
                if !MigHook.phases.contains(phase) { unknownPhases.append(phase) }
                if !usedPhases.insert(phase).inserted { repeatedPhases.insert(phase) }
            }
            guard let name = hook.reference?.name, !name.isEmpty else {
                missingHooks.append("(unnamed)")
                continue
            }
            let namespace = hook.reference?.namespace ?? plan.namespace
            if try await !exists(MigHook.resourceType.resource, name: name, namespace: namespace) {
                missingHooks.append("\(namespace)/\(name)")
            }
        }
        if !missingHooks.isEmpty {
            report.add("InvalidHookRef", reason: "NotFound", category: MigrationCondition.Category.critical,
                "Hooks [\(missingHooks.joined(separator: ", "))] named by spec.hooks do not exist; create the MigHooks or remove the entries.")
        }
        if !unknownPhases.isEmpty {
            report.add("HookPhaseUnknown", reason: "NotSupported", category: MigrationCondition.Category.critical,
                "Hook phases [\(unknownPhases.joined(separator: ", "))] are not one of \(MigHook.phases.joined(separator: ", ")).")
        }
        if !repeatedPhases.isEmpty {
            report.add("HookPhaseDuplicate", reason: "Duplicate", category: MigrationCondition.Category.critical,
                "Hook phases [\(repeatedPhases.sorted().joined(separator: ", "))] are used by more than one hook; one hook per phase.")
        }

        let indirect = plan.spec.indirectVolumeMigration == true || plan.spec.indirectImageMigration == true
        if let name = plan.spec.migStorageRef?.name, !name.isEmpty {
            let namespace = plan.spec.migStorageRef?.namespace ?? plan.namespace
            if try await !exists(MigStorage.resourceType.resource, name: name, namespace: namespace) {
                report.add("InvalidStorageRef", reason: "NotFound", category: MigrationCondition.Category.critical,
                    "MigStorage \(namespace)/\(name) named by spec.migStorageRef does not exist; create it or fix the reference.")
            }
        } else if indirect {
            report.add("InvalidStorageRef", reason: "NotSet", category: MigrationCondition.Category.critical,
                "An indirect migration needs a replication repository; set spec.migStorageRef to a MigStorage.")
        }
    }

    private func exists(_ resource: GroupVersionResource, name: String, namespace: String) async throws -> Bool {
        do {
            _ = try await client.get(resource, name: name, namespace: namespace)
            return true
        } catch let error as KubeAPIError where error.isNotFound {
            return false
        }
    }
}
