import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Two ferry controller processes with leader election")
struct LeaderFailoverTests {
    static let lease = GroupVersionResource(group: "coordination.k8s.io", version: "v1", resource: "leases")

    @Test("when the leading controller is SIGKILLed mid-cutover, the standby takes the Lease over and completes the cutover once",
          .timeLimit(.minutes(2)))
    func standbyCompletesTheCutover() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try Manifests.decode(KioskApplication.manifest, source: "kiosk"), on: world.source)
            try await world.waitUntilSettled(KioskApplication.namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            try await ControllerProcess.with(world, identity: "ferry-a", extraArguments: ["--leader-elect"]) { first in
                try await ControllerProcess.with(world, identity: "ferry-b", extraArguments: ["--leader-elect"]) { second in
                    try await world.succeedOrShowLog(first, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                             "-n", KioskApplication.namespace, "--wait", "--timeout", "60"])
                    let holder = try #require(try await world.leaseHolder(), "a controller holds the Lease")
                    let (leader, standby) = holder == first.identity ? (first, second) : (second, first)
                    try #require(holder == leader.identity, "the Lease holder \(holder) is one of the two controllers")

                    try await world.succeedOrShowLog(leader, ["migrate", "cutover", "kiosk-plan", "--name", "kiosk-cutover"])
                    let started = try await eventually(timeout: .seconds(30), interval: .milliseconds(1)) {
                        try await world.migration("kiosk-cutover").status.phase != nil
                    }
                    try #require(started, "the leader never started the cutover\n\(leader.logTail())")
                    try await leader.kill()
                    let killed = try await world.migration("kiosk-cutover")
                    print("leader \(leader.identity) killed at phase \(killed.status.phase ?? "-")")
                    try #require(!killed.isFinished, "the leader was killed before the cutover ended, so the standby has work to do")

                    // A Lease nobody renews is taken over after its 15 s duration.
                    let finished = try await eventually(timeout: .seconds(60), interval: .milliseconds(250)) {
                        try await world.migration("kiosk-cutover").isFinished
                    }
                    try #require(finished, "the standby did not finish the cutover\n\(standby.logTail())")
                    #expect(try await world.leaseHolder() == standby.identity, "the standby holds the Lease")
                    #expect(try await world.migration("kiosk-cutover").status.conditions?.isTrue("Succeeded") == true)
                }
            }
            try await KioskApplication.expectCutOverOnce(world: world)
        }
    }
}

extension EndToEndWorld {
    /// The identity holding the controller's Lease on the host, if any.
    func leaseHolder() async throws -> String? {
        let lease = try? await destination.get(LeaderFailoverTests.lease, name: "ferry-controller", namespace: MigrationAPI.defaultNamespace)
        return lease?[path: "spec", "holderIdentity"]?.stringValue
    }
}
