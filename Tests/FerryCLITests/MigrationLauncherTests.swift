import FerryAPI
import FerryCLI
import KubeClient
import KubeCore
import Testing

@Suite("Starting, cancelling and following migrations")
struct MigrationLauncherTests {
    /// A host with the Migration API and a Ready plan `shop`.
    func withReadyPlan(_ body: (HostCluster) async throws -> Void) async throws {
        try await withHostCluster { _, client in
            try await installMigrationAPI(client)
            _ = try await client.create(
                GroupVersionResource(group: "", version: "v1", resource: "namespaces"),
                KubeObject(apiVersion: "v1", kind: "Namespace", name: "openshift-migration"))
            var spec = MigPlan.Spec()
            spec.namespaces = ["shop"]
            var plan = try MigPlan(object: try await client.create(MigPlan(name: "shop", spec: spec).encoded()))
            plan.status.conditions = [MigrationCondition(type: "Ready", category: "Required", message: "The migration plan is ready.")]
            _ = try await client.updateStatus(plan.encoded())
            try await body(HostCluster(client: client, namespace: "openshift-migration"))
        }
    }

    @Test("a cutover is created as MTC's console creates it, and a second one is refused while it runs", .timeLimit(.minutes(1)))
    func cutoverCreatedOnce() async throws {
        try await withReadyPlan { host in
            let launcher = MigrationLauncher(host: host)
            let migration = try await launcher.start(MigrationRequest(plan: "shop", action: .cutover))
            #expect(migration.name.hasPrefix("shop-cutover-"))
            #expect(migration.spec.migPlanRef == MigrationObjectReference(name: "shop", namespace: "openshift-migration"))
            #expect(migration.spec.stage == false)
            #expect(migration.spec.quiescePods == true)
            #expect(migration.spec.rollback == nil)
            let error = try await #require(throws: FerryCLIError.self) { _ = try await launcher.start(MigrationRequest(plan: "shop", action: .stage)) }
            #expect(error.code == "migration-running")
            #expect(error.message.contains(migration.name))
            let missing = try await #require(throws: FerryCLIError.self) { _ = try await launcher.start(MigrationRequest(plan: "nope", action: .stage)) }
            #expect(missing.message.contains("ferry plan get"))
        }
    }

    @Test("a plan with a running migration is deleted only with force", .timeLimit(.minutes(1)))
    func deleteRefusedWhileRunning() async throws {
        try await withReadyPlan { host in
            let migration = try await MigrationLauncher(host: host).start(MigrationRequest(plan: "shop", action: .stage))
            let refused = try await #require(throws: FerryCLIError.self) { _ = try await host.deletePlan("shop", force: false) }
            #expect(refused.code == "migration-running")
            #expect(refused.message.contains(migration.name))
            #expect(try await host.plan("shop").name == "shop")
            _ = try await host.deletePlan("shop", force: true)
            let gone = try await #require(throws: FerryCLIError.self) { _ = try await host.plan("shop") }
            #expect(gone.code == "plan-not-found")
        }
    }

    @Test("cancel marks the running migration canceled, and the follower returns the version that ends it", .timeLimit(.minutes(1)))
    func cancelAndFollow() async throws {
        try await withReadyPlan { host in
            let launcher = MigrationLauncher(host: host)
            let started = try await launcher.start(MigrationRequest(plan: "shop", action: .stage, name: "shop-stage-1"))
            #expect(started.spec.stage == true)
            #expect(started.spec.quiescePods == false)
            let canceled = try await launcher.cancel(plan: "shop")
            #expect(canceled.name == "shop-stage-1")
            #expect(canceled.spec.canceled == true)

            let final = try await withThrowingTaskGroup(of: MigMigration?.self) { group in
                group.addTask {
                    var seen: [String] = []
                    let final = try await MigrationFollower(host: host).follow("shop-stage-1") { seen.append($0.status.phase ?? "-") }
                    #expect(seen.first == "-", "the follower starts with the current version")
                    return final
                }
                group.addTask {
                    var migration = try MigMigration(object: try await host.client.get(MigMigration.resourceType.resource, name: "shop-stage-1", namespace: host.namespace))
                    migration.status.itinerary = "Cancel"
                    migration.status.phase = "DeleteMigrationResources"
                    migration = try MigMigration(object: try await host.client.updateStatus(migration.encoded()))
                    migration.status.phase = "Canceled"
                    migration.status.conditions = [MigrationCondition(type: "Canceled", reason: "Canceled", message: "The migration has been canceled.")]
                    _ = try await host.client.updateStatus(migration.encoded())
                    return nil
                }
                var result: MigMigration?
                for try await value in group { if let value { result = value } }
                return result
            }
            let ended = try #require(final)
            #expect(MigrationOutcome(ended) == .canceled)
            #expect(MigrationOutcome(ended)?.exitCode == 2)
            let none = try await #require(throws: FerryCLIError.self) { _ = try await launcher.cancel(plan: "shop") }
            #expect(none.code == "no-running-migration")
            #expect(try await launcher.latest(plan: "shop").name == "shop-stage-1")
        }
    }

    @Test("waiting for a plan reports its critical conditions", .timeLimit(.minutes(1)))
    func planWaitReportsCritical() async throws {
        try await withReadyPlan { host in
            var plan = try await host.plan("shop")
            plan.status.conditions = [
                MigrationCondition(type: "NamespaceNotFoundInSourceCluster", category: "Critical", message: "Namespaces [shop] not found on the source cluster.")
            ]
            _ = try await host.client.updateStatus(plan.encoded())
            let error = try await #require(throws: FerryCLIError.self) { _ = try await PlanReadiness(host: host).wait(for: "shop", timeout: .seconds(20)) }
            #expect(error.code == "plan-critical")
            #expect(error.message.contains("NamespaceNotFoundInSourceCluster: Namespaces [shop] not found on the source cluster."))
        }
    }

    @Test("waiting for a plan returns once the controller marks it Ready", .timeLimit(.minutes(1)))
    func planWaitReturnsReady() async throws {
        try await withReadyPlan { host in
            var plan = try await host.plan("shop")
            plan.status.conditions = nil
            _ = try await host.client.updateStatus(plan.encoded())
            let ready = try await withThrowingTaskGroup(of: MigPlan?.self) { group in
                group.addTask { try await PlanReadiness(host: host).wait(for: "shop", timeout: .seconds(20)) }
                group.addTask {
                    var validated = try await host.plan("shop")
                    validated.status.conditions = [MigrationCondition(type: "Ready", category: "Required")]
                    _ = try await host.client.updateStatus(validated.encoded())
                    return nil
                }
                var result: MigPlan?
                for try await value in group { if let value { result = value } }
                return result
            }
            #expect(ready?.isReady == true)
            let timeout = try await #require(throws: FerryCLIError.self) {
                var unvalidated = try await host.plan("shop")
                unvalidated.status.conditions = []
                _ = try await host.client.updateStatus(unvalidated.encoded())
                _ = try await PlanReadiness(host: host).wait(for: "shop", timeout: .milliseconds(500))
            }
            #expect(timeout.code == "plan-wait-timeout")
        }
    }

    @Test("a volume action is set on every volume that supports it, and refused naming those that do not")
    func volumeActions() throws {
        var spec = MigPlan.Spec()
        spec.persistentVolumes = [
            MigPlan.PersistentVolume(name: "pv-a", supported: .init(actions: ["copy", "move"], copyMethods: ["filesystem"])),
            MigPlan.PersistentVolume(name: "pv-b", supported: .init(actions: ["copy"], copyMethods: ["filesystem"]), selection: .init(action: "copy", storageClass: "fast")),
        ]
        let plan = MigPlan(name: "shop", spec: spec)
        let copied = try PlanVolumeActions.apply("copy", to: plan)
        #expect(copied.spec.persistentVolumes?.map { $0.selection?.action } == ["copy", "copy"])
        #expect(copied.spec.persistentVolumes?[1].selection?.storageClass == "fast")
        let error = #expect(throws: FerryCLIError.self) { _ = try PlanVolumeActions.apply("move", to: plan) }
        #expect(error?.message.contains("pv-b (supports copy)") == true)
    }
}
