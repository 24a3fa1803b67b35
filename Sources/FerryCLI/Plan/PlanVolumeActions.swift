public import FerryAPI

/// Sets one action (`copy`, `move` or `skip`) on every persistent volume of a plan, as the
/// MTC console's "select all" does.
public enum PlanVolumeActions {
    /// `plan` with `action` selected for every volume; an error names the volumes that do not
    /// support it.
    public static func apply(_ action: String, to plan: MigPlan) throws(FerryCLIError) -> MigPlan {
        var plan = plan
        var volumes = plan.spec.persistentVolumes ?? []
        let unsupported = volumes.filter { volume in
            guard let actions = volume.supported?.actions, !actions.isEmpty else { return false }
            return !actions.contains(action)
        }
        if !unsupported.isEmpty {
            let list = unsupported.map { "\($0.name) (supports \($0.supported?.actions.joined(separator: ", ") ?? "-"))" }.joined(separator: "; ")
            throw FerryCLIError(
                code: "unsupported-pv-action",
                message: "plan \(plan.name): --pv-action \(action) is not supported by \(list); choose another action or edit spec.persistentVolumes[].selection")
        }
        for index in volumes.indices {
            var selection = volumes[index].selection ?? MigPlan.PersistentVolume.Selection()
            selection.action = action
            volumes[index].selection = selection
        }
        plan.spec.persistentVolumes = volumes
        return plan
    }
}
