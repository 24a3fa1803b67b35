import FerryAPI
@testable import FerryConsole
import Foundation
import KubeCore
import Testing

/// What the browser receives, checked without a browser: the pipeline fragment the live view
/// fetches, the wizard's state carried between steps, and field messages tied to their fields.
@Suite("Console pages rendering")
struct BrowserPageRenderingTests {
    static let renderer = PageRenderer()

    static func migration(phase: String?, pipeline: [MigMigration.PipelineStep], conditions: [MigrationCondition] = [], errors: [String]? = nil) throws -> MigMigration {
        var migration = MigMigration(name: "shop-cutover", namespace: MigrationAPI.defaultNamespace, spec: MigMigration.Spec())
        migration.spec.migPlanRef = MigrationObjectReference(name: "shop-plan", namespace: MigrationAPI.defaultNamespace)
        migration.status.phase = phase
        migration.status.pipeline = pipeline
        migration.status.conditions = conditions
        migration.status.errors = errors
        migration.status.startTimestamp = "2026-01-01T10:00:00Z"
        return try MigMigration(object: migration.encoded())
    }

    @Test("the pipeline fragment shows each step's state and progress lines, per-volume percent and rate, and a running migration's Cancel")
    func runningPipeline() throws {
        var prepare = MigMigration.PipelineStep(name: "Prepare", phase: "Started", message: "Ready")
        prepare.started = "2026-01-01T10:00:00Z"
        prepare.completed = "2026-01-01T10:00:02Z"
        var volumes = MigMigration.PipelineStep(name: "DirectVolume", phase: "WaitForDirectVolumeMigrationToComplete")
        volumes.started = "2026-01-01T10:00:02Z"
        volumes.progress = ["shop/data: 42% (10.0 MiB/s)"]
        let restore = MigMigration.PipelineStep(name: "Restore")
        let migration = try Self.migration(phase: "WaitForDirectVolumeMigrationToComplete", pipeline: [prepare, volumes, restore])
        var progress = DirectVolumeMigrationProgress(name: "shop-cutover-data", namespace: MigrationAPI.defaultNamespace, spec: DirectVolumeMigrationProgress.Spec())
        progress.spec.podNamespace = "shop"
        progress.status.totalProgressPercentage = "42%"
        progress.status.lastObservedTransferRate = "10.0 MiB/s"
        progress.status.phase = "Running"
        let detail = MigrationDetail(
            migration: MigrationView(migration), directVolumeMigrations: [], directVolumeMigrationProgresses: [progress.encoded().json],
            directImageMigrations: [], kubectlCommands: [])

        let html = Self.renderer.fragment("pipeline", MigrationProgressPage(detail, now: Date(timeIntervalSince1970: 1_767_261_610)))
        #expect(html.contains(#"id="migration-status" data-phase="WaitForDirectVolumeMigrationToComplete" data-finished="false">Running<"#), "\(html)")
        #expect(html.contains(#"data-step="Prepare""#) && html.contains("status-ok\">Completed<"), "\(html)")
        #expect(html.contains("2.0 s"), "Prepare's elapsed time: \(html)")
        #expect(html.contains("status-running\">Running<") && html.contains("shop/data: 42% (10.0 MiB/s)"), "\(html)")
        #expect(html.contains("status-pending\">Not started<"), "Restore has not started: \(html)")
        #expect(html.contains(#"<progress max="100" value="42""#) && html.contains("10.0 MiB/s"), "\(html)")
        #expect(html.contains("shop/shop-cutover-data"), "\(html)")
        #expect(html.contains(#"href="/migrations/shop-cutover/cancel""#), "\(html)")
    }

    @Test("a failed migration's fragment shows its errors in full, escaped, and no Cancel")
    func failedPipeline() throws {
        let failed = MigrationCondition(type: "Failed", category: MigrationCondition.Category.critical, message: "the restore failed")
        let migration = try Self.migration(phase: "Completed", pipeline: [], conditions: [failed], errors: ["Deployment shop/web: <quota> exceeded\nsecond line"])
        let html = Self.renderer.fragment("pipeline", MigrationProgressPage(MigrationView(migration)))
        #expect(html.contains(#"data-finished="true">Failed<"#), "\(html)")
        #expect(!html.contains("Waiting for the controller") && !html.contains("elapsed"), "no steps ran and no time is made up: \(html)")
        #expect(html.contains("Deployment shop/web: &lt;quota&gt; exceeded\nsecond line"), "\(html)")
        #expect(!html.contains("/cancel"), "\(html)")
    }

    @Test("the wizard's hidden fields carry every other step's choices, so a posted step restores the whole draft")
    func wizardStateRoundTrip() {
        var draft = PlanDraft()
        draft.name = "shop-plan"
        draft.sourceCluster = "source"
        draft.destinationCluster = "host"
        draft.migrationType = "state"
        draft.namespaces = [("shop", "shop-copy"), ("web", "")]
        draft.volumes = ["pv-data": PlanDraft.Volume(action: "copy", storageClass: "fast", accessMode: "ReadWriteOnce", verify: true, targetClaim: "data-new")]
        draft.indirectImageMigration = true
        draft.storage = "backups"
        draft.hook = PlanForm.HookEntry(name: "warmup", phase: "PostRestore")

        for step in PlanWizardStep.allCases {
            // The step's own fields as the browser posts them, plus the hidden ones.
            var posted = draft.hiddenFields(except: step, editing: false).map { ($0.name, $0.value) }
            switch step {
            case .general: posted += [("name", "shop-plan"), ("sourceCluster", "source"), ("destinationCluster", "host"), ("migrationType", "state")]
            case .namespaces: posted += [("ns.shop", "true"), ("nstarget.shop", "shop-copy"), ("ns.web", "true"), ("nstarget.web", "")]
            case .volumes: posted += [("pvaction.pv-data", "copy"), ("pvclass.pv-data", "fast"), ("pvmode.pv-data", "ReadWriteOnce"), ("pvverify.pv-data", "true"), ("pvpvc.pv-data", "data-new")]
            case .options: posted += [("indirectImageMigration", "true"), ("storage", "backups")]
            case .hooks: posted += [("hook.name", "warmup"), ("hook.phase", "PostRestore")]
            case .review: break
            }
            let encoded = posted.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            let restored = PlanDraft(form: FormData(encoded: encoded.joined(separator: "&")))
            #expect(restored.planForm == draft.planForm, "after the \(step) step")
        }
    }

    @Test("a field's validation message is rendered under it and tied to it with aria-describedby; the typed value stays")
    func fieldErrors() {
        let fields = FormField.attach(["url": "URL is required"], to: [
            FormField("name", label: "Name", value: "source <1>", required: true),
            FormField("url", label: "API server URL", control: .input(type: "url"), hint: "Such as https://api.example.com:6443.", required: true),
        ])
        let html = fields.map { Self.renderer.fragment("field", $0) }.joined()
        #expect(html.contains(#"value="source &lt;1&gt;""#), "\(html)")
        #expect(html.contains(#"aria-invalid="true" aria-describedby="field-url-hint field-url-error""#), "\(html)")
        #expect(html.contains(#"<p class="field-error" id="field-url-error">URL is required</p>"#), "\(html)")
        #expect(!html.contains(#"id="field-name-error""#), "\(html)")
    }
}
