public import FerryAPI
import KubeCore

/// Plans as `ferry plan get` and `ferry plan describe` print them.
public enum PlanViews {
    /// The table: NAME READY SOURCE TARGET NAMESPACES AGE.
    public static func table(_ plans: [MigPlan], now: Int64) -> TextTable {
        TextTable(
            headers: ["NAME", "READY", "SOURCE", "TARGET", "NAMESPACES", "AGE"],
            rows: plans.map { plan in
                [
                    plan.name, readiness(plan), plan.spec.srcMigClusterRef?.name ?? "-", plan.spec.destMigClusterRef?.name ?? "-",
                    namespaces(plan), ElapsedTime.age(since: plan.object.creationTimestamp, now: now),
                ]
            })
    }

    /// `True`, `False` or `Unknown` (not yet validated).
    static func readiness(_ plan: MigPlan) -> String {
        guard let conditions = plan.status.conditions, !conditions.isEmpty else { return "Unknown" }
        return plan.isReady ? "True" : "False"
    }

    /// `a, b→c`.
    static func namespaces(_ plan: MigPlan) -> String {
        let mappings = plan.namespaceMappings
        guard !mappings.isEmpty else { return "-" }
        return mappings.map { $0.source == $0.destination ? $0.source : "\($0.source)→\($0.destination)" }.joined(separator: ",")
    }

    /// The description: spec summary, conditions, persistent volumes with their selection,
    /// and the plan's migrations.
    public static func describe(_ plan: MigPlan, migrations: [MigMigration], analytic: MigAnalytic? = nil, now: Int64) -> [String] {
        let spec = plan.spec
        var lines = [
            "Name:         \(plan.name)",
            "Namespace:    \(plan.namespace)",
            "Created:      \(plan.object.creationTimestamp ?? "-") (\(ElapsedTime.age(since: plan.object.creationTimestamp, now: now)) ago)",
            "Source:       \(spec.srcMigClusterRef?.name ?? "-")",
            "Destination:  \(spec.destMigClusterRef?.name ?? "-")",
            "Namespaces:   \(namespaces(plan))",
            "Ready:        \(readiness(plan))",
        ]
        if let storage = spec.migStorageRef?.name { lines.append("Storage:      \(storage)") }
        if let included = spec.includedResources, !included.isEmpty {
            lines.append("Included:     " + included.map { $0.group.isEmpty ? $0.kind : "\($0.kind).\($0.group)" }.joined(separator: ", "))
        }
        if let selector = spec.labelSelector, let parsed = try? LabelSelector(json: selector), !parsed.isEmpty {
            lines.append("Selector:     \(parsed)")
        }
        if spec.closed == true { lines.append("Closed:       true") }
        lines.append("")
        lines.append("Conditions:")
        let conditions = plan.status.conditions ?? []
        if conditions.isEmpty {
            lines.append("  (none: the controller has not validated the plan yet)")
        } else {
            lines += indented(TextTable(
                headers: ["TYPE", "STATUS", "CATEGORY", "MESSAGE"],
                rows: conditions.map { [$0.type, $0.status, $0.category ?? "", $0.message ?? ""] }))
        }
        lines.append("")
        lines.append("Persistent volumes:")
        let volumes = spec.persistentVolumes ?? []
        if volumes.isEmpty {
            lines.append("  (none)")
        } else {
            lines += indented(TextTable(
                headers: ["NAME", "CLAIM", "CAPACITY", "STORAGE CLASS", "ACTION", "COPY METHOD", "TARGET CLASS", "VERIFY"],
                rows: volumes.map { volume in
                    let selection = volume.selection
                    return [
                        volume.name, volume.pvc.map { "\($0.namespace)/\($0.name)" } ?? "-",
                        // A proposed capacity (MigAnalytic) that differs shows as `1Gi → 2Gi`.
                        volume.proposedCapacity.flatMap { $0 == volume.capacity ? nil : "\(volume.capacity ?? "-") → \($0)" } ?? volume.capacity ?? "-",
                        volume.storageClass ?? "-", selection?.action ?? "-", selection?.copyMethod ?? "-",
                        selection?.storageClass ?? "-", selection?.verify == true ? "yes" : "no",
                    ]
                }))
        }
        if let analytic {
            lines.append("")
            lines.append("Analytics:    " + analyticsSummary(analytic))
        }
        lines.append("")
        lines.append("Migrations:")
        if migrations.isEmpty {
            lines.append("  (none)")
        } else {
            lines += indented(TextTable(
                headers: ["NAME", "TYPE", "PHASE", "RESULT", "AGE"],
                rows: migrations.map { migration in
                    let view = MigrationStatusView(migration: migration, now: now)
                    return [
                        migration.name, MigrationStatusView.type(of: migration), migration.status.phase ?? "-", view.result,
                        ElapsedTime.age(since: migration.object.creationTimestamp, now: now),
                    ]
                }))
        }
        return lines
    }

    static func indented(_ table: TextTable) -> [String] {
        table.lines.map { "  " + $0 }
    }
}
