public import FerryAPI

extension PlanViews {
    /// `ferry plan analyze`'s text: the MigAnalytic's state, warnings, totals, and a table of
    /// its namespaces and one of its claims.
    public static func analytics(_ analytic: MigAnalytic) -> [String] {
        let state = AnalyticState(analytic)
        let measured = analytic.status.analytics
        var lines = [
            "MigAnalytic:  \(analytic.name) (plan \(analytic.spec.migPlanRef?.name ?? "-"))",
            "State:        \(state.rawValue)",
        ]
        for problem in AnalyticState.problems(of: analytic) { lines.append("Warning:      \(problem)") }
        guard let measured, state != .failed else { return lines }
        let count = { (value: Int?) in value.map(String.init) ?? "-" }
        lines += [
            "Resources:    \(count(measured.k8sResourceTotal))",
            "Images:       \(count(measured.imageCount))",
            "Volumes:      \(count(measured.pvCount))" + (measured.pvCapacity.map { " (\($0) requested)" } ?? ""),
        ]
        let namespaces = measured.namespaces ?? []
        if !namespaces.isEmpty {
            lines += ["", "Namespaces:"]
            lines += indented(TextTable(
                headers: ["NAMESPACE", "RESOURCES", "IMAGES", "VOLUMES", "CAPACITY", "KINDS"],
                rows: namespaces.map { entry in
                    let kinds = entry.kindCounts
                    return [
                        entry.namespace, count(entry.k8sResourceTotal), count(entry.imageCount), count(entry.pvCount),
                        entry.pvCapacity ?? "-", kinds.isEmpty ? "-" : kinds.joined(separator: ", "),
                    ]
                }))
        }
        let volumes = namespaces.flatMap { entry in (entry.persistentVolumes ?? []).map { (entry.namespace, $0) } }
        if !volumes.isEmpty {
            lines += ["", "Persistent volumes:"]
            lines += indented(TextTable(
                headers: ["CLAIM", "REQUESTED", "USED", "PROPOSED", "SPARSE", "WHY"],
                rows: volumes.map { namespace, volume in
                    [
                        "\(namespace)/\(volume.name)", volume.requestedCapacity ?? "-", volume.actualCapacity ?? "-", volume.proposedCapacity ?? "-",
                        volume.sparseFilesFound == true ? "yes" : "no", volume.comment ?? "-",
                    ]
                }))
        }
        return lines
    }

    /// One line for `ferry plan describe`: the state and the totals, and where the details are.
    static func analyticsSummary(_ analytic: MigAnalytic) -> String {
        let state = AnalyticState(analytic)
        guard state == .measured, let measured = analytic.status.analytics else {
            return "\(state.rawValue) (MigAnalytic \(analytic.name); `ferry plan analyze \(analytic.spec.migPlanRef?.name ?? analytic.name)` shows why)"
        }
        let count = { (value: Int?, noun: String) in value.map { "\($0) \(noun)" } }
        let parts = [
            count(measured.k8sResourceTotal, "resource(s)"), count(measured.imageCount, "image(s)"),
            count(measured.pvCount, "volume(s)").map { volumes in measured.pvCapacity.map { "\(volumes) requesting \($0)" } ?? volumes },
        ].compactMap { $0 }
        return "\(state.rawValue): \(parts.joined(separator: ", ")) (MigAnalytic \(analytic.name))"
    }
}
