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

@Suite("State migration requests")
struct StateMigrationRequestTests {
    @Test("--state makes stage and cutover state migrations: migrateState, without stage, quiescing only at cutover")
    func stateRequests() throws {
        var stage = MigrationRequest(plan: "convert", action: .stage)
        stage.migratesState = true
        let stageSpec = try stage.migration(namespace: "openshift-migration").spec
        #expect(stageSpec.migrateState == true && stageSpec.stage != true && stageSpec.quiescePods == false)
        var cutover = MigrationRequest(plan: "convert", action: .cutover)
        cutover.migratesState = true
        let cutoverSpec = try cutover.migration(namespace: "openshift-migration").spec
        #expect(cutoverSpec.migrateState == true && cutoverSpec.stage != true && cutoverSpec.quiescePods == true)
        let rollback = MigrationRequest(plan: "convert", action: .rollback)
        #expect(try rollback.migration(namespace: "openshift-migration").spec.migrateState == nil)
    }
}
