import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("A cutover survives its controller being killed with SIGKILL")
struct ControllerKillResumeTests {
    @Test("killed at ten points and restarted each time, the cutover completes with every object once and the source quiesced once",
          .timeLimit(.minutes(2)))
    func killedAndResumed() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try Manifests.decode(KioskApplication.manifest, source: "kiosk"), on: world.source)
            try await world.waitUntilSettled(KioskApplication.namespace, on: world.source)
            #expect(try await world.workloadReplicas(KioskApplication.namespace, on: world.source) == KioskApplication.originalReplicas)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            let kills = try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", KioskApplication.namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--name", "kiosk-cutover"])
                return try await Self.killAtEveryNewPhase(of: "kiosk-cutover", controller: controller, world: world)
            }

            print("controller killed \(kills.count) times, at phases: \(kills.joined(separator: ", "))")
            #expect(kills.count >= 10, "the controller was killed at least ten times: \(kills)")
            #expect(Set(kills).count >= 6, "the kills happened in at least six distinct phases: \(kills)")

            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "the cutover Succeeded: \(migration.status)")
            #expect(migration.status.phase == "Completed")

            try await KioskApplication.expectCutOverOnce(world: world)
        }
    }

    @Test("stopped with SIGTERM after every phase change and restarted, the controller exits each time and the cutover completes once",
          .timeLimit(.minutes(2)))
    func terminatedAndResumed() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try Manifests.decode(KioskApplication.manifest, source: "kiosk"), on: world.source)
            try await world.waitUntilSettled(KioskApplication.namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            let stops = try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", KioskApplication.namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--name", "kiosk-cutover"])
                return try await Self.killAtEveryNewPhase(of: "kiosk-cutover", controller: controller, world: world, signal: SIGTERM)
            }
            print("controller stopped with SIGTERM \(stops.count) times, at phases: \(stops.joined(separator: ", "))")
            #expect(Set(stops).count >= 6, "the controller was stopped in at least six distinct phases: \(stops)")
            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "the cutover Succeeded: \(migration.status.errors ?? [])")
            try await KioskApplication.expectCutOverOnce(world: world)
        }
    }

    @Test("a controller stopped with SIGTERM while it waits for the source's pods to go leaves the cutover to resume, not failed",
          .timeLimit(.minutes(2)))
    func terminatedWhileWaitingForQuiesce() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")
            // A finalizer keeps one source pod terminating, so EnsureSrcQuiesced waits for it.
            let pod = try #require(try await world.source.listAll(Resources.pods, namespace: namespace).items.first { $0.labels["app"] == "web" })
            try await world.succeed(kubectl: "--context", "source", "-n", namespace, "patch", "pod", pod.name, "--type", "merge",
                                    "-p", #"{"metadata":{"finalizers":["e2e.ferry.dev/hold"]}}"#)

            try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--name", "kiosk-cutover"])
                let waiting = try await eventually(timeout: .seconds(60)) {
                    try await world.migration("kiosk-cutover").status.phase == "EnsureSrcQuiesced"
                }
                try #require(waiting, "the cutover never waited for the source to quiesce\n\(controller.logTail())")
                try await Task.sleep(for: .milliseconds(500))
                try await controller.signal(SIGTERM)
                let stopped = try await world.migration("kiosk-cutover")
                #expect(!stopped.isFinished && stopped.status.itinerary == "Final",
                        "stopping the controller did not end the cutover: \(stopped.status.phase ?? "-") \(stopped.status.errors ?? [])")

                try await world.succeed(kubectl: "--context", "source", "-n", namespace, "patch", "pod", pod.name, "--type", "merge",
                                        "-p", #"{"metadata":{"finalizers":null}}"#)
                try await controller.start()
                let finished = try await eventually(timeout: .seconds(60)) { try await world.migration("kiosk-cutover").isFinished }
                try #require(finished, "the cutover did not finish after the restart\n\(controller.logTail())")
            }
            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "the cutover Succeeded: \(migration.status.errors ?? [])")
        }
    }

    @Test("a rollback whose controller is killed after every phase change restores the source exactly, and the plan cuts over again",
          .timeLimit(.minutes(2)))
    func rollbackKilledAndResumed() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try Manifests.decode(KioskApplication.manifest, source: "kiosk"), on: world.source)
            try await world.waitUntilSettled(KioskApplication.namespace, on: world.source)
            let before = try await NamespaceSnapshot.take(KioskApplication.namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            let kills = try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", KioskApplication.namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--wait"])
                try await world.succeedOrShowLog(controller, ["migrate", "rollback", "kiosk-plan", "--name", "kiosk-rollback"])
                return try await Self.killAtEveryNewPhase(of: "kiosk-rollback", controller: controller, world: world)
            }

            print("rollback's controller killed \(kills.count) times, at phases: \(kills.joined(separator: ", "))")
            #expect(kills.count >= 6 && Set(kills).count >= 4, "the rollback's controller was killed in several phases: \(kills)")
            let rollback = try await world.migration("kiosk-rollback")
            #expect(rollback.status.conditions?.isTrue("Succeeded") == true, "the rollback Succeeded: \(rollback.status)")
            #expect(rollback.status.itinerary == "Rollback")

            try await world.waitUntilSettled(KioskApplication.namespace, on: world.source)
            let after = try await NamespaceSnapshot.take(KioskApplication.namespace, on: world.source)
            let differences = before.differences(from: after)
            #expect(differences.isEmpty, "the source after the rollback differs:\n\(differences.joined(separator: "\n"))")
            for resource in [Resources.deployments, Resources.statefulSets, Resources.claims] {
                let left = try await world.destination.listAll(resource, namespace: KioskApplication.namespace).items.map(\.name)
                #expect(left.isEmpty, "the rollback removed the migrated \(resource.resource) from the destination: \(left)")
            }

            // A rolled-back plan is run again, as after fixing whatever made the first try fail.
            _ = try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--wait"])
            }
            try await KioskApplication.expectCutOverOnce(world: world)
        }
    }

    /// Kills the controller (with `signal`) as soon as the migration's phase moves on from
    /// where the last restart found it, restarts it, and returns the phases at which it was
    /// killed. A stopped controller must exit within 10 s. A run
    /// that writes the migration's status without a new phase, or shows nothing within a
    /// varying short delay, is killed too (inside a phase's work, or while the controller
    /// starts) — though never twice in a row, so the migration always gets further.
    static func killAtEveryNewPhase(
        of name: String, controller: ControllerProcess, world: EndToEndWorld, signal: Int32 = SIGKILL
    ) async throws -> [String] {
        let patience: [Duration] = [.milliseconds(80), .milliseconds(200), .milliseconds(350)]
        var kills: [String] = []
        var atRestart = try await world.migration(name)
        var restarted = ContinuousClock.now
        var mayKillWithoutProgress = true
        let deadline = ContinuousClock.now + .seconds(80)
        while ContinuousClock.now < deadline {
            let migration = try await world.migration(name)
            if migration.isFinished { return kills }
            let movedOn = migration.status.phase != atRestart.status.phase
            let wrote = migration.object.resourceVersion != atRestart.object.resourceVersion
            let timedOut = ContinuousClock.now - restarted > patience[kills.count % patience.count]
            if movedOn || (mayKillWithoutProgress && (wrote || timedOut)) {
                try await controller.signal(signal)
                let killed = try await world.migration(name)
                kills.append(killed.status.phase ?? "(none)")
                mayKillWithoutProgress = killed.status.phase != atRestart.status.phase
                atRestart = killed
                try await controller.start()
                restarted = ContinuousClock.now
            }
            try await Task.sleep(for: .milliseconds(1))
        }
        Issue.record("the cutover did not finish; killed at \(kills)\n\(controller.logTail())")
        return kills
    }
}
