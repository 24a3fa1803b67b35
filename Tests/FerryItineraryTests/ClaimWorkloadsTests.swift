import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Workloads mounting claims")
struct ClaimWorkloadsTests {
    static let workloads = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec:
          replicas: 1
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: postgres:16}]
              volumes: [{name: data, persistentVolumeClaim: {claimName: data}}, {name: scratch, emptyDir: {}}]
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: shop}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: agent, image: busybox}]
              volumes: [{name: data, persistentVolumeClaim: {claimName: data, readOnly: true}}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: reindex, namespace: shop, labels: {team: search}}
        spec:
          parallelism: 1
          template:
            spec:
              restartPolicy: Never
              containers: [{name: reindex, image: busybox, command: [sleep, "3600"]}]
              volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: other, namespace: shop}
        spec:
          replicas: 1
          selector: {matchLabels: {app: other}}
          template:
            metadata: {labels: {app: other}}
            spec:
              containers: [{name: other, image: busybox}]
              volumes: [{name: logs, persistentVolumeClaim: {claimName: logs}}]
        """

    @Test("quiesce and swap reach StatefulSets, DaemonSets and Jobs mounting the claim, recreate an unfinished Job, and leave other workloads alone", .timeLimit(.minutes(1)))
    func quiesceAndSwap() async throws {
        try await MigrationWorld.with { world in
            let client = world.destination
            try await world.seed(Self.workloads, on: client)
            let helper = ClaimWorkloads(client: client, logger: quietLogger)
            let found = try await helper.using(["data"], in: "shop").map(\.description).sorted()
            #expect(found == ["DaemonSet shop/agent", "Job shop/reindex", "StatefulSet shop/db"])

            let quiesced = try await helper.quiesce(using: ["shop": ["data"]])
            #expect(quiesced.count == 3, "\(quiesced)")
            let report = try await helper.swap(["shop": ["data": "data-new"]], then: .unquiesce)
            #expect(report.failed.isEmpty, "\(report.failed)")

            let db = try await client.get(Resource.statefulSets, name: "db", namespace: "shop")
            #expect(ClaimWorkloads.claimNames(of: db, podSpecPath: ["spec", "template", "spec"]) == ["data-new"])
            #expect(db[path: "spec", "replicas"] == .int(1), "un-quiesced in the same write")
            let daemonSets = GroupVersionResource(group: "apps", version: "v1", resource: "daemonsets")
            let agent = try await client.get(daemonSets, name: "agent", namespace: "shop")
            #expect(ClaimWorkloads.claimNames(of: agent, podSpecPath: ["spec", "template", "spec"]) == ["data-new"])
            #expect(agent[path: "spec", "template", "spec", "nodeSelector", "migration.openshift.io/quiesceDaemonSet"] == nil)

            let jobs = try await world.objects(Resource.jobs, in: "shop", on: client)
            let old = try #require(jobs["reindex"])
            #expect(ClaimWorkloads.claimNames(of: old, podSpecPath: ["spec", "template", "spec"]) == ["data"], "a Job's template is not changed")
            #expect(old[path: "spec", "parallelism"] == .int(0), "the old Job stays quiesced")
            let copy = try #require(jobs.values.first { $0.name.hasPrefix("reindex-") })
            #expect(ClaimWorkloads.claimNames(of: copy, podSpecPath: ["spec", "template", "spec"]) == ["data-new"])
            #expect(copy[path: "spec", "parallelism"] == .int(1))
            #expect(copy.labels["team"] == "search")
            #expect(report.changed.contains { $0.hasPrefix("Job shop/reindex: created again as reindex-") }, "\(report.changed)")

            let other = try await client.get(Resource.deployments, name: "other", namespace: "shop")
            #expect(!QuiesceAnnotations.isQuiesced(other) && other[path: "spec", "replicas"] == .int(1))
        }
    }
}
