import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Migrating with ferry migrate --local, without a deployed controller")
struct LocalMigrationTests {
    @Test("stage, cutover and rollback with --local migrate and restore the source exactly, with no controller anywhere",
          .timeLimit(.minutes(2)))
    func localStageCutoverRollback() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            let before = try await NamespaceSnapshot.take(namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            try await world.succeedOnHost(["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination", "-n", namespace])
            try await world.succeedOnHost(["migrate", "stage", "kiosk-plan", "--local"])
            try await world.succeedOnHost(["migrate", "cutover", "kiosk-plan", "--local"])
            #expect(try await world.succeedOnHost(["status", "kiosk-plan"]).contains("Completed"), "ferry status shows the completed cutover")
            try await KioskApplication.expectCutOverOnce(world: world)

            try await world.succeedOnHost(["migrate", "rollback", "kiosk-plan", "--local"])
            try await world.waitUntilSettled(namespace, on: world.source)
            let differences = before.differences(from: try await NamespaceSnapshot.take(namespace, on: world.source))
            #expect(differences.isEmpty, "the source after the local rollback differs:\n\(differences.joined(separator: "\n"))")
        }
    }

    @Test("a --local cutover SIGKILLed after the source was quiesced is finished by a controller started afterwards",
          .timeLimit(.minutes(2)))
    func killedLocalRunIsFinishedByAController() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            try await world.installAndPlanKiosk(namespace)

            let local = LocalMigrationTests.localCutover
            let killedAt = try await ControllerProcess.with(world, identity: "local-cutover", command: local) { run in
                let quiesced = try await eventually(timeout: .seconds(60), interval: .milliseconds(1)) {
                    let phase = (try? await world.migration("kiosk-cutover"))?.status.phase
                    return phase.map { ["EnsureSrcQuiesced", "CreateDirectVolumeMigrationFinal", "PostBackupHooks"].contains($0) } ?? false
                }
                try #require(quiesced, "the local cutover never quiesced the source\n\(run.logTail())")
                try await run.kill()
                return try await world.migration("kiosk-cutover")
            }
            print("local cutover killed at phase \(killedAt.status.phase ?? "-")")
            try #require(!killedAt.isFinished, "the local run was killed before the cutover ended")

            try await ControllerProcess.with(world) { controller in
                let finished = try await eventually(timeout: .seconds(60)) { try await world.migration("kiosk-cutover").isFinished }
                try #require(finished, "the controller did not finish the interrupted cutover\n\(controller.logTail())")
            }
            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "the interrupted cutover Succeeded: \(migration.status)")
            try await KioskApplication.expectCutOverOnce(world: world)
        }
    }

    @Test("a --local cutover SIGKILLed after the source was quiesced is finished by `ferry migrate resume --local`",
          .timeLimit(.minutes(2)))
    func killedLocalRunIsResumedLocally() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            try await world.installAndPlanKiosk(namespace)

            try await world.withLocalCutoverQuiesced { run in
                try await run.kill()
            }
            try #require(!(try await world.migration("kiosk-cutover")).isFinished)
            let output = try await world.succeedOnHost(["migrate", "resume", "kiosk-plan", "--local"])
            #expect(output.contains("resuming at"), "\(output)")
            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "\(migration.status)")
            try await KioskApplication.expectCutOverOnce(world: world)
        }
    }

    @Test("Ctrl-C of a --local cutover cancels it: the run ends Canceled and the source has its workloads back",
          .timeLimit(.minutes(2)))
    func interruptedLocalRunIsCanceled() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            let replicas = try await world.workloadReplicas(namespace, on: world.source)
            try await world.installAndPlanKiosk(namespace)

            try await world.withLocalCutoverQuiesced { run in
                // One Ctrl-C: the run cancels the migration and exits once it has ended.
                try await run.signal(SIGINT)
                #expect(run.logTail().contains("Canceling migration kiosk-cutover"), "\(run.logTail())")
            }
            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.isFinished, "the interrupted migration ended: \(migration.status)")
            #expect(migration.status.conditions?.isTrue("Canceled") == true)
            #expect(try await world.workloadReplicas(namespace, on: world.source) == replicas, "the source has its replicas back")
        }
    }

    @Test("a second Ctrl-C stops a --local run at once; cancel --local then undoes the unfinished migration",
          .timeLimit(.minutes(2)))
    func stoppedLocalRunIsCanceledLater() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            let replicas = try await world.workloadReplicas(namespace, on: world.source)
            try await world.installAndPlanKiosk(namespace)

            try await world.withLocalCutoverQuiesced { run in
                try await run.stopTwice()
                #expect(run.logTail().contains("ferry migrate cancel kiosk-plan --local"), "\(run.logTail())")
            }
            #expect(!(try await world.migration("kiosk-cutover")).isFinished, "stopped at once, the migration is left unfinished")
            try await world.succeedOnHost(["migrate", "cancel", "kiosk-plan", "--local"], expectingExit: 2)
            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.status.conditions?.isTrue("Canceled") == true, "\(migration.status)")
            #expect(try await world.workloadReplicas(namespace, on: world.source) == replicas, "the source has its replicas back")
        }
    }
}

extension LocalMigrationTests {
    /// `ferry migrate cutover kiosk-plan --local` against the host, named `kiosk-cutover`.
    static let localCutover = ["migrate", "cutover", "kiosk-plan", "--local", "--name", "kiosk-cutover"] + CLIMigrationTests.hostFlags
}

extension EndToEndWorld {
    /// Runs `ferry migrate cutover kiosk-plan --local` in the background and hands the run to
    /// `body` once it has quiesced the source; the run is killed when `body` ends.
    func withLocalCutoverQuiesced(_ body: (ControllerProcess) async throws -> Void) async throws {
        try await ControllerProcess.with(self, identity: "local-cutover", command: LocalMigrationTests.localCutover) { run in
            let quiesced = try await eventually(timeout: .seconds(60), interval: .milliseconds(1)) {
                (try? await self.migration("kiosk-cutover"))?.status.phase == "EnsureSrcQuiesced"
            }
            try #require(quiesced, "the local cutover never quiesced the source\n\(run.logTail())")
            try await body(run)
        }
    }

    /// Installs the migration API on the destination and creates plan `kiosk-plan` for `namespace`.
    func installAndPlanKiosk(_ namespace: String) async throws {
        try await succeed(ferry: "install", "--context", "destination", "--apply")
        try await succeedOnHost(["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination", "-n", namespace])
    }

    /// Runs `ferry arguments` against the host context, requiring exit 0 (or `expectingExit`).
    @discardableResult
    func succeedOnHost(_ arguments: [String], expectingExit status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await ferry(arguments + CLIMigrationTests.hostFlags)
        try #require(result.exitCode == status, "\(result)", sourceLocation: sourceLocation)
        return result.output
    }
}
