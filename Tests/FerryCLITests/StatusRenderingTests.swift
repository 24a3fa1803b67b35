import FerryAPI
import FerryCLI
import KubeClient
import KubeCore
import Testing

/// A cutover 20 seconds in: Prepare done, Backup running, DirectVolume skipped, Restore not
/// started.
func runningCutover() -> MigMigration {
    var spec = MigMigration.Spec()
    spec.migPlanRef = MigrationObjectReference(name: "shop", namespace: "openshift-migration")
    spec.stage = false
    spec.quiescePods = true
    var migration = MigMigration(name: "shop-cutover-abcde", spec: spec)
    migration.object.metadata["creationTimestamp"] = "2026-11-21T07:00:00Z"
    var prepare = MigMigration.PipelineStep(name: "Prepare", message: "Completed")
    prepare.started = "2026-11-21T07:00:00Z"
    prepare.completed = "2026-11-21T07:00:12Z"
    var backup = MigMigration.PipelineStep(name: "Backup", phase: "QuiesceSourceApplications", message: "Backing up objects")
    backup.started = "2026-11-21T07:00:12Z"
    backup.progress = ["12/40 objects"]
    var volume = MigMigration.PipelineStep(name: "DirectVolume")
    volume.started = "2026-11-21T07:00:12Z"
    volume.completed = "2026-11-21T07:00:12Z"
    volume.skipped = true
    let restore = MigMigration.PipelineStep(name: "Restore", message: "Not started")
    migration.status.itinerary = "Final"
    migration.status.phase = "QuiesceSourceApplications"
    migration.status.startTimestamp = "2026-11-21T07:00:00Z"
    migration.status.pipeline = [prepare, backup, volume, restore]
    migration.status.conditions = [MigrationCondition(type: "Running", reason: "QuiesceSourceApplications", category: "Advisory", message: "Step: 2/4")]
    return migration
}

let startOfRun = KubeTime.parse("2026-11-21T07:00:00Z")!

@Suite("Migration status rendering")
struct StatusRenderingTests {
    @Test("a running migration renders as plain lines with marks, elapsed times, messages and progress")
    func plainLines() {
        let lines = MigrationStatusView(migration: runningCutover(), now: startOfRun + 20).lines()
        #expect(lines == [
            "Migration: shop-cutover-abcde   Plan: shop   Type: Cutover",
            "Itinerary: Final   Phase: QuiesceSourceApplications   Started: 2026-11-21T07:00:00Z",
            "Result:    Running",
            "Steps:",
            "  ✓ Prepare          12s  Completed",
            "  ⟳ Backup            8s  Backing up objects",
            "      12/40 objects",
            "  - DirectVolume          skipped",
            "  · Restore",
        ])
    }

    @Test("a failed migration shows the failed step and its errors")
    func failedMigration() {
        var migration = runningCutover()
        migration.status.pipeline![1].failed = true
        migration.status.pipeline![1].completed = "2026-11-21T07:03:17Z"
        migration.status.pipeline![1].message = "backup of shop failed"
        migration.status.errors = ["backup of shop failed: secrets is forbidden"]
        migration.status.conditions = [MigrationCondition(type: "Failed", reason: "MigrationFailed", category: "Critical", message: "The migration has failed.")]
        let lines = MigrationStatusView(migration: migration, now: startOfRun + 900).lines()
        #expect(lines.contains("Result:    Failed"))
        #expect(lines.contains("  ✗ Backup         3m05s  backup of shop failed"))
        #expect(Array(lines.suffix(2)) == ["Errors:", "  backup of shop failed: secrets is forbidden"])
        #expect(MigrationOutcome(migration) == .failed)
        #expect(MigrationOutcome(migration)?.exitCode == 1)
    }

    @Test("the live view redraws in place with cursor-up and clear-line sequences and a spinner")
    func terminalFrame() {
        var frame = LiveFrame()
        let view = MigrationStatusView(migration: runningCutover(), now: startOfRun + 20)
        let first = frame.render(view.lines(spinner: LiveFrame.spinner[0]))
        #expect(!first.contains("\u{1B}[9A"), "the first frame has nothing to move over")
        #expect(first.contains("\r\u{1B}[2K  ⠋ Backup"))
        let second = frame.render(view.lines(spinner: LiveFrame.spinner[1]))
        #expect(second.hasPrefix("\u{1B}[9A"), "the second frame moves up over the nine lines of the first")
        #expect(second.contains("\r\u{1B}[2K  ⠙ Backup"))
        #expect(second.hasSuffix("\u{1B}[J"))
        var narrow = LiveFrame()
        let cut = narrow.render(["short", String(repeating: "x", count: 30)], width: 10)
        #expect(cut == "\r\u{1B}[2Kshort\n\r\u{1B}[2Kxxxxxxxx…\n\u{1B}[J", "a line as wide as the terminal is cut so it cannot wrap")
    }

    @Test("plain watch output is one line per change")
    func changeLines() {
        let before = runningCutover()
        var after = before
        after.status.phase = "EnsureQuiesced"
        after.status.pipeline![1].completed = "2026-11-21T07:00:30Z"
        after.status.pipeline![1].progress = ["12/40 objects", "40/40 objects"]
        after.status.pipeline![3].started = "2026-11-21T07:00:30Z"
        after.status.pipeline![3].message = "Restoring"
        #expect(MigrationChangeLog.lines(from: before, to: after, now: startOfRun + 31) == [
            "phase EnsureQuiesced",
            "✓ Backup completed in 18s: Backing up objects",
            "  Backup: 40/40 objects",
            "⟳ Restore started: Restoring",
        ])
        var done = after
        done.status.phase = "Completed"
        done.status.conditions = [MigrationCondition(type: "Succeeded", reason: "Completed")]
        done.status.pipeline![3].completed = "2026-11-21T07:00:40Z"
        #expect(MigrationChangeLog.lines(from: after, to: done, now: startOfRun + 41) == [
            "phase Completed", "✓ Restore completed in 10s: Restoring", "migration shop-cutover-abcde succeeded",
        ])
        #expect(MigrationChangeLog.lines(from: done, to: done, now: startOfRun + 50).isEmpty)
        #expect(MigrationChangeLog.lines(from: nil, to: before, now: startOfRun + 20).first == "migration shop-cutover-abcde (Cutover of plan shop)")
    }

    @Test("JSON and YAML output read back as the migration")
    func structuredOutput() throws {
        let migration = runningCutover().encoded()
        let json = try JSONValue(parsing: Array(migration.json.serializedString(pretty: true).utf8))
        #expect(try MigMigration(object: KubeObject(json: json)).status.pipeline?.count == 4)
        let yaml = try Manifests.decode(YAMLRenderer.render(documents: [migration]), source: "status")
        #expect(yaml == [migration])
    }

    @Test("plans render as a table with readiness, clusters, namespaces and age")
    func planTable() {
        var spec = MigPlan.Spec()
        spec.srcMigClusterRef = MigrationObjectReference(name: "source")
        spec.destMigClusterRef = MigrationObjectReference(name: "host")
        spec.namespaces = ["shop", "db:db-new"]
        var ready = MigPlan(name: "shop", spec: spec)
        ready.object.metadata["creationTimestamp"] = "2026-11-21T06:00:00Z"
        ready.status.conditions = [MigrationCondition(type: "Ready", category: "Required")]
        var fresh = MigPlan(name: "x", spec: MigPlan.Spec())
        fresh.object.metadata["creationTimestamp"] = "2026-11-21T07:00:10Z"
        #expect(PlanViews.table([ready, fresh], now: startOfRun + 20).lines == [
            "NAME   READY     SOURCE   TARGET   NAMESPACES       AGE",
            "shop   True      source   host     shop,db→db-new   60m",
            "x      Unknown   -        -        -                10s",
        ])
    }
}

@Suite("Migration change lines at the end")
struct ChangeLogEndTests {
    @Test("the outcome is the last line, after the step the end completed")
    func outcomeIsLast() {
        var running = runningCutover()
        running.status.pipeline![3].started = "2026-11-21T07:00:30Z"
        running.status.pipeline![3].skipped = true
        var done = running
        done.status.pipeline![3].completed = "2026-11-21T07:00:31Z"
        done.status.conditions = [MigrationCondition(type: "Succeeded", reason: "Completed")]
        #expect(MigrationChangeLog.lines(from: running, to: done, now: startOfRun + 40) == [
            "- Restore skipped", "migration shop-cutover-abcde succeeded",
        ])
    }
}

@Suite("Plan description")
struct PlanDescriptionTests {
    @Test("describe lists the spec, conditions, volumes with their selection, and the plan's migrations")
    func describeLines() {
        var spec = MigPlan.Spec()
        spec.srcMigClusterRef = MigrationObjectReference(name: "source")
        spec.destMigClusterRef = MigrationObjectReference(name: "host")
        spec.namespaces = ["db:db-new"]
        spec.includedResources = [MigPlan.GroupKindReference(group: "apps", kind: "Deployment")]
        spec.labelSelector = ["matchLabels": ["app": "db"]]
        spec.persistentVolumes = [
            MigPlan.PersistentVolume(
                name: "pv-1", capacity: "1Gi", storageClass: "standard", selection: .init(action: "copy", storageClass: "fast", copyMethod: "filesystem", verify: true),
                pvc: .init(namespace: "db", name: "data"))
        ]
        var plan = MigPlan(name: "db", spec: spec)
        plan.object.metadata["creationTimestamp"] = "2026-11-21T06:59:00Z"
        plan.status.conditions = [MigrationCondition(type: "Ready", category: "Required", message: "The migration plan is ready.")]
        #expect(PlanViews.describe(plan, migrations: [runningCutover()], now: startOfRun + 20) == [
            "Name:         db",
            "Namespace:    openshift-migration",
            "Created:      2026-11-21T06:59:00Z (80s ago)",
            "Source:       source",
            "Destination:  host",
            "Namespaces:   db→db-new",
            "Ready:        True",
            "Included:     Deployment.apps",
            "Selector:     app=db",
            "",
            "Conditions:",
            "  TYPE    STATUS   CATEGORY   MESSAGE",
            "  Ready   True     Required   The migration plan is ready.",
            "",
            "Persistent volumes:",
            "  NAME   CLAIM     CAPACITY   STORAGE CLASS   ACTION   COPY METHOD   TARGET CLASS   VERIFY",
            "  pv-1   db/data   1Gi        standard        copy     filesystem    fast           yes",
            "",
            "Migrations:",
            "  NAME                 TYPE      PHASE                       RESULT    AGE",
            "  shop-cutover-abcde   Cutover   QuiesceSourceApplications   Running   20s",
        ])
    }
}
