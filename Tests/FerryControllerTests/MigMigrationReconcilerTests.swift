import FerryAPI
import FerryController
import KubeClient
import KubeCore
import Testing

@Suite("MigMigrationReconciler")
struct MigMigrationReconcilerTests {
    /// Checks the clusters and `plan`, then reconciles the migration once.
    static func reconcile(_ migration: String, plan: String?, in world: MigrationWorld) async throws -> (ReconcileResult, MigMigration) {
        let connector = ClusterConnector(hostClient: world.hostClient, logger: quietLogger)
        let result: ReconcileResult
        do {
            let clusters = MigClusterReconciler(client: world.hostClient, connector: connector, logger: quietLogger)
            for cluster in ["host", "source"] { _ = try await clusters.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: cluster)) }
            if let plan {
                let plans = MigPlanReconciler(client: world.hostClient, connector: connector, settings: ControllerSettings(), logger: quietLogger)
                _ = try await plans.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: plan))
            }
            let migrations = MigMigrationReconciler(client: world.hostClient, connector: connector, logger: quietLogger)
            result = try await migrations.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: migration))
        } catch {
            await connector.shutdown()
            throw error
        }
        await connector.shutdown()
        return (result, try await world.migration(migration))
    }

    static func createMigration(_ name: String, plan: String?, in world: MigrationWorld, _ configure: (inout MigMigration.Spec) -> Void = { _ in }) async throws {
        var spec = MigMigration.Spec()
        spec.migPlanRef = plan.map { MigrationObjectReference(name: $0, namespace: MigrationWorld.namespace) }
        configure(&spec)
        _ = try await world.hostClient.create(MigMigration(name: name, spec: spec).encoded())
    }

    @Test("a migration without a plan reference is held with InvalidPlanRef", .timeLimit(.minutes(1)))
    func noPlanReference() async throws {
        try await MigrationWorld.with { world in
            try await Self.createMigration("orphan", plan: nil, in: world)
            let (result, migration) = try await Self.reconcile("orphan", plan: nil, in: world)
            #expect(result == .done)
            let condition = try #require(migration.status.conditions?.first(type: "InvalidPlanRef"))
            #expect(condition.reason == "NotSet")
            #expect(condition.category == "Critical")
            #expect(migration.status.itinerary == nil)
        }
    }

    @Test("a full migration from a storage conversion plan is refused; a state migration is not", .timeLimit(.minutes(1)))
    func storageConversionNeedsStateMigration() async throws {
        try await MigrationWorld.with { world in
            try await createNamespace("shop", on: world.hostClient)
            try await world.createPlan("convert", namespaces: ["shop"], source: "host", destination: "host")
            try await Self.createMigration("full", plan: "convert", in: world)
            let (result, refused) = try await Self.reconcile("full", plan: "convert", in: world)
            #expect(result == .done)
            let condition = try #require(refused.status.conditions?.first(type: "SourceClusterSameAsDestination"), "\(refused.status.conditions ?? [])")
            #expect(condition.message?.contains("migrateState") == true)
            #expect(refused.status.itinerary == nil)
            #expect(refused.object.ownerReferences.first?.kind == "MigPlan", "the plan owns its migrations")

            try await Self.createMigration("state", plan: "convert", in: world) { $0.migrateState = true }
            let (_, state) = try await Self.reconcile("state", plan: nil, in: world)
            #expect(state.status.conditions?.first(type: "SourceClusterSameAsDestination") == nil)
            #expect(state.status.itinerary != nil, "the runner started it")
        }
    }

    @Test("a migration of a closed plan waits and says the plan is closed", .timeLimit(.minutes(1)))
    func closedPlan() async throws {
        try await MigrationWorld.with { world in
            try await world.createApplication("shop")
            var plan = try await world.createPlan("plan", namespaces: ["shop"])
            plan.spec.closed = true
            _ = try await world.hostClient.update(plan.encoded())
            try await Self.createMigration("late", plan: "plan", in: world)
            let (result, migration) = try await Self.reconcile("late", plan: "plan", in: world)
            #expect(result == .requeue(after: .seconds(10)))
            let condition = try #require(migration.status.conditions?.first(type: "PlanNotReady"))
            #expect(condition.message?.contains("closed") == true)
        }
    }

    @Test("a second migration of a plan waits while the first runs", .timeLimit(.minutes(1)))
    func oneMigrationPerPlanAtATime() async throws {
        try await MigrationWorld.with { world in
            try await world.createApplication("shop")
            _ = try await world.createPlan("plan", namespaces: ["shop"])
            try await Self.createMigration("first", plan: "plan", in: world) { $0.stage = true }
            try await Self.createMigration("second", plan: "plan", in: world) { $0.stage = true }
            let (_, second) = try await Self.reconcile("second", plan: "plan", in: world)
            let postponed = try #require(second.status.conditions?.first(type: "Postponed"), "\(second.status.conditions ?? [])")
            #expect(postponed.message?.contains("first") == true)
            #expect(second.status.itinerary == nil)

            let (_, first) = try await Self.reconcile("first", plan: nil, in: world)
            #expect(first.isFinished, "\(first.status)")
            let (_, resumed) = try await Self.reconcile("second", plan: nil, in: world)
            #expect(resumed.status.conditions?.first(type: "Postponed") == nil)
            #expect(resumed.status.itinerary == "Stage")
        }
    }
}
