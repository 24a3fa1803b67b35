import Foundation
import KubeCore
import Testing

@Suite("exported workloads", .enabled(if: Fixtures.available, "the shared fixtures are not next to the working tree"))
struct FixtureWorkloadTests {
    @Test("the exported nginx Deployment rolls out on the simulated cluster")
    func exportedDeployment() async throws {
        try await TestCluster.run { cluster in
            try cluster.create(Fixtures.object("deployment-nginx-deployment.yaml", namespace: "default"))
            let name = try #require(try Fixtures.object("deployment-nginx-deployment.yaml", namespace: "default")[path: ["metadata", "name"]]?.stringValue)
            #expect(await eventually {
                let deployment = cluster.get("apps/v1", "Deployment", "default", name)
                return deployment?.int("status", "availableReplicas") == 2 && deployment?.int("status", "updatedReplicas") == 2
            })
            #expect(cluster.list("v1", "Pod", "default", labels: "app=nginx").filter(\.ready).count == 2)
        }
    }

    @Test("the exported redis StatefulSet gets its pod and claim")
    func exportedStatefulSet() async throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        try await TestCluster.run(stateDirectory: state.path) { cluster in
            let object = try Fixtures.object("statefulset-redis-master.yaml", namespace: "default")
            try cluster.create(object)
            let name = try #require(object[path: ["metadata", "name"]]?.stringValue)
            #expect(await eventually { cluster.get("apps/v1", "StatefulSet", "default", name)?.int("status", "readyReplicas") == 1 })
            #expect(cluster.get("v1", "Pod", "default", "\(name)-0")?.ready == true)
            let claims = cluster.list("v1", "PersistentVolumeClaim", "default")
            #expect(!claims.isEmpty && claims.allSatisfy { $0.string("status", "phase") == "Bound" })
        }
    }

    @Test("the exported DaemonSet runs on every node")
    func exportedDaemonSet() async throws {
        try await TestCluster.run { cluster in
            try cluster.createNamespace("statefulset")
            let object = try Fixtures.object("daemonset-daemonset.yaml", namespace: "statefulset")
            try cluster.create(object)
            let name = try #require(object[path: ["metadata", "name"]]?.stringValue)
            #expect(await eventually { cluster.get("apps/v1", "DaemonSet", "statefulset", name)?.int("status", "numberReady") == 2 })
        }
    }
}
