import FerryAPI
import FerryCLI
import KubeCore
import Testing

@Suite("Volume columns of the plan and migration views")
struct PlanVolumeViewTests {
    @Test("describe shows a proposed capacity that differs as capacity → proposed")
    func proposedCapacity() {
        var spec = MigPlan.Spec()
        var resized = MigPlan.PersistentVolume(name: "pv-1", capacity: "1Gi", storageClass: "standard", pvc: .init(namespace: "db", name: "data"))
        resized.proposedCapacity = "2Gi"
        var unchanged = MigPlan.PersistentVolume(name: "pv-2", capacity: "5Gi", storageClass: "standard", pvc: .init(namespace: "db", name: "logs"))
        unchanged.proposedCapacity = "5Gi"
        spec.persistentVolumes = [resized, unchanged]
        let lines = PlanViews.describe(MigPlan(name: "db", spec: spec), migrations: [], now: startOfRun)
        #expect(lines.contains { $0.hasPrefix("  pv-1   db/data   1Gi → 2Gi ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  pv-2   db/logs   5Gi ") }, "\(lines)")
    }

    @Test("state migrations are typed as state stage or state cutover")
    func stateMigrationType() {
        var spec = MigMigration.Spec()
        spec.migrateState = true
        #expect(MigrationStatusView.type(of: MigMigration(name: "m", spec: spec)) == "State stage")
        spec.quiescePods = true
        #expect(MigrationStatusView.type(of: MigMigration(name: "m", spec: spec)) == "State cutover")
    }
}
