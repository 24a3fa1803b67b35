import FerryAPI
import FerryController
import KubeClient
import KubeCore
import Testing

@Suite("FerryControllerService")
struct FerryControllerServiceTests {
    static let settings = ControllerSettings(clusterRecheckInterval: .seconds(2), planRecheckInterval: .seconds(2))

    @Test("clusters become Ready, the plan is validated and its volumes discovered, and a migration waits for its plan and then runs to completion", .timeLimit(.minutes(2)))
    func endToEnd() async throws {
        try await MigrationWorld.with { world in
            try await world.createApplication("shop")
            let controller = FerryControllerService(configuration: adminConfiguration(world.host), settings: Self.settings, logger: quietLogger)
            let running = Task { try await controller.run() }
            do {
                // A migration created before its plan is held, and starts once the plan is Ready.
                var spec = MigMigration.Spec()
                spec.migPlanRef = MigrationObjectReference(name: "plan", namespace: MigrationWorld.namespace)
                spec.stage = false
                spec.quiescePods = true
                _ = try await world.hostClient.create(MigMigration(name: "early", spec: spec).encoded())
                #expect(try await eventually { try await world.migration("early").status.conditions?.first(type: "InvalidPlanRef")?.reason == "NotFound" })

                #expect(try await eventually { try await world.cluster("source").status.conditions?.isTrue("Ready") == true })
                #expect(try await eventually { try await world.cluster("host").status.conditions?.isTrue("Ready") == true })
                try await world.createPlan("plan", namespaces: ["shop"])
                #expect(try await eventually { try await world.plan("plan").status.conditions?.isTrue("Ready") == true })
                #expect(try await world.plan("plan").spec.persistentVolumes?.count == 2)

                let plan = try await world.plan("plan")
                #expect(try await eventually { try await world.migration("early").object.ownerReferences.contains { $0.uid == plan.uid } })
                #expect(try await eventually { try await world.migration("early").status.itinerary != nil }, "the runner took over")
                let started = try await world.migration("early")
                #expect(started.status.conditions?.first(type: "InvalidPlanRef") == nil)
                #expect(started.status.conditions?.first(type: "PlanNotReady") == nil)

                #expect(try await eventually(attempts: 1200) { try await world.migration("early").isFinished })
                let finished = try await world.migration("early")
                #expect(finished.status.conditions?.isTrue("Succeeded") == true, "\(finished.status.conditions ?? []) \(finished.status.errors ?? [])")
                let claims = try await world.hostClient.listAll(TestResources.persistentVolumeClaims, namespace: "shop").items
                #expect(Set(claims.map(\.name)) == ["data", "cache"], "the namespace's claims arrived on the destination")
            } catch {
                running.cancel()
                _ = try? await running.value
                throw error
            }
            running.cancel()
            try await running.value
        }
    }

    @Test("a migration of a plan that is not Ready is held with PlanNotReady naming the plan's problem", .timeLimit(.minutes(1)))
    func holdsMigrationOfUnreadyPlan() async throws {
        try await MigrationWorld.with { world in
            try await world.createPlan("plan", namespaces: ["ghost"])
            let controller = FerryControllerService(configuration: adminConfiguration(world.host), settings: Self.settings, logger: quietLogger)
            let running = Task { try await controller.run() }
            do {
                var spec = MigMigration.Spec()
                spec.migPlanRef = MigrationObjectReference(name: "plan", namespace: MigrationWorld.namespace)
                _ = try await world.hostClient.create(MigMigration(name: "held", spec: spec).encoded())
                #expect(try await eventually {
                    let condition = try await world.migration("held").status.conditions?.first(type: "PlanNotReady")
                    return condition?.category == "Critical" && condition?.message?.contains("ghost") == true
                })
                #expect(try await world.migration("held").status.itinerary == nil, "nothing ran")
            } catch {
                running.cancel()
                _ = try? await running.value
                throw error
            }
            running.cancel()
            try await running.value
        }
    }

    @Test("with leader election the controller reconciles nothing until it holds the Lease", .timeLimit(.minutes(1)))
    func reconcilesOnlyWhileLeading() async throws {
        try await MigrationWorld.with { world in
            var lease = KubeObject(apiVersion: "coordination.k8s.io/v1", kind: "Lease", name: "ferry-controller", namespace: MigrationWorld.namespace)
            lease["spec"] = .object(["holderIdentity": .string("other-replica"), "leaseDurationSeconds": .int(3600)])
            _ = try await world.hostClient.create(TestResources.leases, lease, namespace: MigrationWorld.namespace)
            let election = LeaderElection(namespace: MigrationWorld.namespace, identity: "this-replica", leaseDuration: .seconds(3600), renewDeadline: .seconds(5), retryPeriod: .milliseconds(100))
            let controller = FerryControllerService(configuration: adminConfiguration(world.host), settings: Self.settings, leaderElection: election, logger: quietLogger)
            let running = Task { try await controller.run() }
            do {
                try await Task.sleep(for: .seconds(1))
                #expect(try await world.cluster("source").status.conditions == nil, "a follower does not reconcile")

                var held = try await world.hostClient.get(TestResources.leases, name: "ferry-controller", namespace: MigrationWorld.namespace)
                held["spec"] = .object(["holderIdentity": .string(""), "leaseDurationSeconds": .int(1)])
                _ = try await world.hostClient.update(TestResources.leases, held, namespace: MigrationWorld.namespace)
                #expect(try await eventually { try await world.cluster("source").status.conditions?.isTrue("Ready") == true })
                let taken = try await world.hostClient.get(TestResources.leases, name: "ferry-controller", namespace: MigrationWorld.namespace)
                #expect(taken[path: "spec", "holderIdentity"]?.stringValue == "this-replica")
            } catch {
                running.cancel()
                _ = try? await running.value
                throw error
            }
            running.cancel()
            try await running.value
            let released = try await world.hostClient.get(TestResources.leases, name: "ferry-controller", namespace: MigrationWorld.namespace)
            #expect(released[path: "spec", "holderIdentity"]?.stringValue == "", "a stopped leader releases the Lease")
        }
    }
}
