import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("A cancel survives its controller being down and being killed")
struct CancelResumeTests {
    @Test("a cancel requested while no controller runs, then SIGKILLed at each of its phases, leaves the source exactly as it was",
          .timeLimit(.minutes(2)))
    func cancelWhileDownAndKilled() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            let before = try await NamespaceSnapshot.take(namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            let kills = try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", namespace, "--wait", "--timeout", "60"])
                try await world.addPreRestoreHook(to: "kiosk-plan")
                // The hook's pod cannot be scheduled on cordoned nodes: the cutover waits in PreRestoreHooks.
                for node in try await world.succeed(kubectl: "--context", "destination", "get", "nodes", "-o", "name").split(separator: "\n") {
                    try await world.succeed(kubectl: "--context", "destination", "cordon", String(node))
                }
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--name", "kiosk-cutover"])
                let waiting = try await eventually(timeout: .seconds(60)) {
                    try await world.migration("kiosk-cutover").status.phase == "PreRestoreHooks"
                }
                try #require(waiting, "the cutover never reached PreRestoreHooks\n\(controller.logTail())")

                try await controller.kill()
                let cancel = try await world.ferry(["migrate", "cancel", "kiosk-plan"] + CLIMigrationTests.hostFlags)
                try #require(cancel.succeeded, "ferry migrate cancel without a running controller: \(cancel)")
                #expect(try await world.migration("kiosk-cutover").spec.canceled == true, "the cancel is recorded in the MigMigration")
                try await controller.start()
                return try await ControllerKillResumeTests.killAtEveryNewPhase(of: "kiosk-cutover", controller: controller, world: world)
            }

            print("canceling controller killed \(kills.count) times, at phases: \(kills.joined(separator: ", "))")
            #expect(kills.count >= 3, "the cancel's controller was killed several times: \(kills)")
            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.status.conditions?.isTrue("Canceled") == true, "the migration is Canceled: \(migration.status)")
            #expect(migration.status.itinerary == "Cancel")

            try await world.waitUntilSettled(namespace, on: world.source)
            let differences = before.differences(from: try await NamespaceSnapshot.take(namespace, on: world.source))
            #expect(differences.isEmpty, "the source after the cancel differs:\n\(differences.joined(separator: "\n"))")
            let hookJobs = try await world.destination.listAll(Resources.jobs, namespace: MigrationAPI.defaultNamespace).items.map(\.name)
            #expect(hookJobs.isEmpty, "the cancel deleted the hook's Job: \(hookJobs)")
        }
    }
}
