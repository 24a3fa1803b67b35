import FerryAPI
import FerryController
import KubeClient
import KubeCore
import Testing

@Suite("State migration specs")
struct StateMigrationSpecTests {
    @Test("a migration setting more than one of stage, migrateState and rollback is refused with InvalidSpec", .timeLimit(.minutes(1)))
    func exclusiveOptions() async throws {
        try await MigrationWorld.with { world in
            try await createNamespace("shop", on: world.hostClient)
            try await world.createPlan("convert", namespaces: ["shop"], source: "host", destination: "host")
            try await MigMigrationReconcilerTests.createMigration("both", plan: "convert", in: world) {
                $0.stage = true
                $0.migrateState = true
            }
            let (result, refused) = try await MigMigrationReconcilerTests.reconcile("both", plan: "convert", in: world)
            #expect(result == .done)
            let condition = try #require(refused.status.conditions?.first(type: "InvalidSpec"), "\(refused.status.conditions ?? [])")
            #expect(condition.category == MigrationCondition.Category.critical)
            #expect(condition.message?.contains("Only one of the stage/migrateState/rollback") == true)
            #expect(refused.status.itinerary == nil, "nothing ran")
        }
    }
}
