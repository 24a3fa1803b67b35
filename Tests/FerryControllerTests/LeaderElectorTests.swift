import FerryController
import KubeClient
import KubeCore
import Testing

@Suite("LeaderElector")
struct LeaderElectorTests {
    static func settings(_ identity: String) -> LeaderElection {
        LeaderElection(namespace: "ferry", identity: identity, leaseDuration: .seconds(3), renewDeadline: .seconds(2), retryPeriod: .milliseconds(100))
    }

    @Test("only one of two candidates leads, and the other takes over once the leader releases the lease", .timeLimit(.minutes(1)))
    func oneLeaderThenHandOver() async throws {
        try await withCluster { _, client in
            try await createNamespace("ferry", on: client)
            let first = LeaderElector(client: client, settings: Self.settings("first"), logger: quietLogger)
            let second = LeaderElector(client: client, settings: Self.settings("second"), logger: quietLogger)
            let firstCampaign = Task { try await first.run { try await Task.sleep(for: .seconds(3600)) } }
            #expect(try await eventually { first.isLeader })
            let secondCampaign = Task { try await second.run { try await Task.sleep(for: .seconds(3600)) } }
            // The second candidate tries several times while the first renews, and never leads.
            #expect(try await eventually { second.attempts >= 5 })
            #expect(!second.isLeader)
            #expect(first.isLeader)
            let lease = try await client.get(TestResources.leases, name: "ferry-controller", namespace: "ferry")
            #expect(lease[path: "spec", "holderIdentity"]?.stringValue == "first")

            firstCampaign.cancel()
            _ = try? await firstCampaign.value
            #expect(!first.isLeader)
            #expect(try await eventually { second.isLeader })
            let taken = try await client.get(TestResources.leases, name: "ferry-controller", namespace: "ferry")
            #expect(taken[path: "spec", "holderIdentity"]?.stringValue == "second")
            #expect((taken[path: "spec", "leaseTransitions"]?.intValue ?? 0) >= 1)
            secondCampaign.cancel()
            _ = try? await secondCampaign.value
        }
    }

    @Test("a candidate keeps campaigning through API errors and leads once the lease can be written", .timeLimit(.minutes(1)))
    func campaignsThroughErrors() async throws {
        try await withCluster { _, client in
            let candidate = LeaderElector(client: client, settings: Self.settings("patient"), logger: quietLogger)
            let campaign = Task { try await candidate.run { try await Task.sleep(for: .seconds(3600)) } }
            // The Lease's namespace does not exist yet: creating the Lease fails, repeatedly.
            #expect(try await eventually { candidate.attempts >= 3 })
            #expect(!candidate.isLeader)
            try await createNamespace("ferry", on: client)
            #expect(try await eventually { candidate.isLeader })
            campaign.cancel()
            _ = try? await campaign.value
        }
    }

    @Test("a candidate takes over a lease whose holder stopped renewing once it expires", .timeLimit(.minutes(1)))
    func takesOverExpiredLease() async throws {
        try await withCluster { _, client in
            try await createNamespace("ferry", on: client)
            var lease = KubeObject(apiVersion: "coordination.k8s.io/v1", kind: "Lease", name: "ferry-controller", namespace: "ferry")
            lease["spec"] = .object(["holderIdentity": .string("crashed"), "leaseDurationSeconds": .int(1), "renewTime": .string("2026-01-01T00:00:00.000000Z")])
            _ = try await client.create(TestResources.leases, lease, namespace: "ferry")
            let candidate = LeaderElector(client: client, settings: Self.settings("survivor"), logger: quietLogger)
            let campaign = Task { try await candidate.run { try await Task.sleep(for: .seconds(3600)) } }
            #expect(try await eventually { candidate.isLeader })
            campaign.cancel()
            _ = try? await campaign.value
            let released = try await client.get(TestResources.leases, name: "ferry-controller", namespace: "ferry")
            #expect(released[path: "spec", "holderIdentity"]?.stringValue == "")
        }
    }
}
