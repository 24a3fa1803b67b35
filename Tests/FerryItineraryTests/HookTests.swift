import FerryAPI
import FerryEngine
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Migration hooks")
struct HookTests {
    static func createHook(_ world: MigrationWorld, name: String, custom: Bool, targetCluster: String) async throws {
        var spec = MigHook.Spec()
        spec.custom = custom
        spec.targetCluster = targetCluster
        if custom {
            spec.image = "registry.example.com/hooks/notify:1"
        } else {
            spec.playbook = Data("- hosts: localhost\n  tasks: [{debug: {msg: migrating}}]\n".utf8).base64EncodedString()
        }
        spec.activeDeadlineSeconds = 60
        _ = try await world.host.create(MigHook(name: name, spec: spec).encoded())
    }

    @Test("hooks run as Jobs at their phases on their cluster, with the migration's environment, and are cleaned up", .timeLimit(.minutes(1)))
    func hooksRunAndAreCleanedUp() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await Self.createHook(world, name: "drain-queue", custom: false, targetCluster: "source")
            try await Self.createHook(world, name: "warm-cache", custom: true, targetCluster: "destination")
            let plan = try await world.makePlan(namespaces: ["shop"], hooks: [
                MigPlan.Hook(reference: MigrationObjectReference(name: "drain-queue", namespace: MigrationAPI.defaultNamespace), phase: "PreBackup", serviceAccount: "api"),
                MigPlan.Hook(reference: MigrationObjectReference(name: "warm-cache", namespace: MigrationAPI.defaultNamespace), phase: "PostRestore"),
            ])
            var migration = try await world.makeMigration("cutover", plan: plan)
            let runner = world.runner()
            var sourceJob: KubeObject?
            var destinationJob: KubeObject?
            for _ in 0..<400 {
                migration = try await world.reload(migration)
                if migration.isFinished { break }
                if case .requeue(let after) = try await runner.runOnePhase(migration: migration, plan: plan) { try await Task.sleep(for: after) }
                if sourceJob == nil { sourceJob = try await world.source.listAll(Resource.jobs, namespace: "shop").items.first }
                if destinationJob == nil { destinationJob = try await world.destination.listAll(Resource.jobs, namespace: "shop").items.first }
            }
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status.errors ?? [])")
            let playbookJob = try #require(sourceJob, "the PreBackup hook ran on the source")
            let container = try #require(playbookJob[path: "spec", "template", "spec", "containers"]?.arrayValue?.first)
            #expect(container["image"] == .string("quay.io/konveyor/hook-runner:latest"))
            let environment = container["env"]?.arrayValue ?? []
            #expect(environment.contains { $0["name"] == "MIGRATION_NAMESPACES" && $0["value"] == "shop" })
            #expect(environment.contains { $0["name"] == "MIGRATION_PLAN_NAME" && $0["value"] == "plan" })
            #expect(playbookJob[path: "spec", "template", "spec", "serviceAccountName"] == .string("api"))
            #expect(playbookJob[path: "spec", "activeDeadlineSeconds"] == .int(60))
            let customJob = try #require(destinationJob, "the PostRestore hook ran on the destination")
            #expect(customJob[path: "spec", "template", "spec", "containers"]?.arrayValue?.first?["image"] == .string("registry.example.com/hooks/notify:1"))
            let backup = try #require(migration.status.pipeline?.first { $0.name == "Backup" })
            #expect(backup.skipped != true)
            let restore = try #require(migration.status.pipeline?.first { $0.name == "Restore" })
            #expect(restore.progress?.contains { $0.contains("warm-cache") } == true)
            #expect(try await world.source.listAll(Resource.jobs, namespace: "shop").items.isEmpty, "hook jobs are deleted at cleanup")
            #expect(try await world.destination.listAll(Resource.jobs, namespace: "shop").items.filter { $0.labels.keys.contains("migration.openshift.io/hook-for-migmigration") }.isEmpty)
        }
    }

    @Test("a failing hook fails the migration before the source is quiesced, naming the hook and its job", .timeLimit(.minutes(1)))
    func failingHookFailsTheMigration() async throws {
        // The hook's pod runs long enough for the test to mark it as failing before it ends.
        try await MigrationWorld.with(jobPodRunTime: .seconds(3)) { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            try await Self.createHook(world, name: "check", custom: true, targetCluster: "source")
            let plan = try await world.makePlan(namespaces: ["shop"], hooks: [
                MigPlan.Hook(reference: MigrationObjectReference(name: "check", namespace: MigrationAPI.defaultNamespace), phase: "PreBackup")
            ])
            var migration = try await world.makeMigration("cutover", plan: plan)
            let runner = world.runner()
            var failedPod = false
            for _ in 0..<400 {
                migration = try await world.reload(migration)
                if migration.isFinished { break }
                if case .requeue(let after) = try await runner.runOnePhase(migration: migration, plan: plan) { try await Task.sleep(for: after) }
                // The hook's container "exits" with 1: KubeSim ends an annotated job pod as failed.
                // A merge patch, because the pod's status changes under us.
                for pod in try await world.source.listAll(Resource.pods, namespace: "shop").items where pod.labels["job-name"] != nil && !failedPod {
                    _ = try await world.source.patch(
                        Resource.pods, name: pod.name, namespace: "shop",
                        patch: .merge(["metadata": ["annotations": ["kubesim.ferry.dev/exit-code": "1"]]]))
                    failedPod = true
                }
            }
            #expect(migration.status.conditions?.isTrue("Failed") == true)
            let errors = (migration.status.errors ?? []).joined()
            #expect(errors.contains("PreBackup hook check failed"), "\(errors)")
            #expect(errors.contains("kubectl logs job/"))
            let web = try await world.source.get(Resource.deployments, name: "web", namespace: "shop")
            #expect(web[path: "spec", "replicas"] == .int(2), "a failed PreBackup hook leaves the source running")
        }
    }

    @Test("a hook that names a missing MigHook fails the migration with the fix", .timeLimit(.minutes(1)))
    func missingHookFails() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            let plan = try await world.makePlan(namespaces: ["shop"], hooks: [
                MigPlan.Hook(reference: MigrationObjectReference(name: "ghost", namespace: MigrationAPI.defaultNamespace), phase: "PreBackup")
            ])
            let migration = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan), plan: plan)
            #expect(migration.status.conditions?.isTrue("Failed") == true)
            #expect((migration.status.errors ?? []).joined().contains("MigHook openshift-migration/ghost"))
        }
    }
}
