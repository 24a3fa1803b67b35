import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("A cutover that fails")
struct FailedMigrationTests {
    @Test("a cutover whose hook cannot run fails with exit 1 and the reason, and a rollback restores the source exactly",
          .timeLimit(.minutes(2)))
    func failedCutoverIsRolledBack() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            let before = try await NamespaceSnapshot.take(namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", namespace, "--wait", "--timeout", "60"])
                // The hook's Job is to run in a namespace the destination does not have.
                try await world.addPreRestoreHook(to: "kiosk-plan", executionNamespace: "no-such-namespace")
                let cutover = try await world.ferry(["migrate", "cutover", "kiosk-plan", "--wait", "--name", "kiosk-cutover"] + CLIMigrationTests.hostFlags)
                #expect(cutover.exitCode == 1, "a failed migration exits 1: \(cutover)\n\(controller.logTail())")
                #expect(cutover.errorOutput.contains("no-such-namespace"), "the error names the missing namespace: \(cutover.errorOutput)")
                let migration = try await world.migration("kiosk-cutover")
                #expect(migration.status.conditions?.isTrue("Failed") == true, "the migration Failed: \(migration.status)")
                #expect(migration.status.errors?.isEmpty == false, "the migration lists its errors")

                try await world.succeedOrShowLog(controller, ["migrate", "rollback", "kiosk-plan", "--wait"])
            }
            try await world.waitUntilSettled(namespace, on: world.source)
            let differences = before.differences(from: try await NamespaceSnapshot.take(namespace, on: world.source))
            #expect(differences.isEmpty, "the source after rolling back the failed cutover differs:\n\(differences.joined(separator: "\n"))")
            let deployments = try await world.destination.listAll(Resources.deployments, namespace: namespace).items.map(\.name)
            #expect(deployments.isEmpty, "nothing of the failed cutover runs on the destination: \(deployments)")
        }
    }
}
