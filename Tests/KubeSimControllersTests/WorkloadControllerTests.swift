import KubeCore
import KubeSimStorage
import Foundation
import Testing

@Suite("workload controllers")
struct WorkloadControllerTests {
    private func deployment(_ name: String, replicas: Int64, image: String = "nginx:1.27") -> JSONValue {
        var template = podTemplate(labels: ["app": name])
        template[path: ["spec", "containers"]] = [["name": "web", "image": JSONValue.string(image)]]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]], "template": template],
        ]
    }

    @Test("a deployment gets a hashed ReplicaSet, ready pods and the status kubectl rollout status reads")
    func deploymentRollsOut() async throws {
        try await TestCluster.run { cluster in
            try cluster.create(deployment("web", replicas: 3))
            let rolledOut = await eventually {
                guard let deployment = cluster.get("apps/v1", "Deployment", "default", "web") else { return false }
                return deployment.int("status", "availableReplicas") == 3 && deployment.int("status", "updatedReplicas") == 3
                    && deployment.int("status", "readyReplicas") == 3 && deployment.int("status", "observedGeneration") == deployment.int("metadata", "generation")
                    && deployment.conditionStatus("Available") == "True"
            }
            #expect(rolledOut)
            let sets = cluster.list("apps/v1", "ReplicaSet", "default")
            let set = try #require(sets.first)
            #expect(sets.count == 1)
            let hash = try #require(set.labels["pod-template-hash"])
            #expect(set.name == "web-\(hash)")
            #expect(set.annotations["deployment.kubernetes.io/revision"] == "1")
            let pods = cluster.list("v1", "Pod", "default", labels: "app=web")
            #expect(pods.count == 3)
            #expect(pods.allSatisfy { $0.ready && $0.name.hasPrefix("web-\(hash)-") && $0.string("status", "podIP") != nil })
            #expect(Set(pods.compactMap { $0.string("status", "podIP") }).count == 3)
            let progressing = cluster.get("apps/v1", "Deployment", "default", "web")?[path: "status", "conditions"]?.arrayValue?
                .first { $0["type"] == "Progressing" }
            #expect(progressing?["reason"]?.stringValue == "NewReplicaSetAvailable")
        }
    }

    @Test("scaling a deployment up and down changes its pod count")
    func deploymentScales() async throws {
        try await TestCluster.run { cluster in
            try cluster.create(deployment("api", replicas: 2))
            #expect(await eventually { cluster.list("v1", "Pod", "default", labels: "app=api").filter(\.ready).count == 2 })
            try cluster.modify("apps/v1", "Deployment", "default", "api") { $0[path: "spec", "replicas"] = 5 }
            #expect(await eventually { cluster.get("apps/v1", "Deployment", "default", "api")?.int("status", "availableReplicas") == 5 })
            #expect(cluster.list("v1", "Pod", "default", labels: "app=api").count == 5)
            try cluster.modify("apps/v1", "Deployment", "default", "api") { $0[path: "spec", "replicas"] = 1 }
            #expect(await eventually {
                cluster.list("v1", "Pod", "default", labels: "app=api").count == 1
                    && cluster.get("apps/v1", "Deployment", "default", "api")?.int("status", "replicas") == 1
            })
        }
    }

    @Test("a job whose pods fail stops at its backoff limit and is Failed")
    func jobBackoffLimit() async throws {
        try await TestCluster.run { cluster in
            var template = podTemplate(labels: ["app": "failing"])
            template[path: ["metadata", "annotations"]] = ["kubesim.ferry.dev/exit-code": "3"]
            template[path: ["spec", "restartPolicy"]] = "Never"
            try cluster.create([
                "apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "failing", "namespace": "default"],
                "spec": ["backoffLimit": 1, "template": template],
            ])
            #expect(await eventually(timeout: .seconds(30)) {
                cluster.get("batch/v1", "Job", "default", "failing")?.conditionStatus("Failed") == "True"
            })
            let pods = cluster.list("v1", "Pod", "default", labels: "job-name=failing")
            #expect(pods.count == 2, "one try and one retry")
            #expect(pods.allSatisfy { $0.string("status", "phase") == "Failed" })
            let job = try #require(cluster.get("batch/v1", "Job", "default", "failing"))
            #expect(job.int("status", "failed") == 2)
            #expect(job.conditionStatus("Complete") == nil)
        }
    }

    @Test("a paused deployment still scales, but rolls out no template change")
    func pausedDeploymentScales() async throws {
        try await TestCluster.run { cluster in
            try cluster.create(deployment("paused", replicas: 2))
            #expect(await eventually { cluster.list("v1", "Pod", "default", labels: "app=paused").filter(\.ready).count == 2 })
            try cluster.modify("apps/v1", "Deployment", "default", "paused") { object in
                object[path: "spec", "paused"] = true
                object[path: "spec", "replicas"] = 0
                object[path: "spec", "template", "spec", "containers"] = [["name": "web", "image": "nginx:1.28"]]
            }
            #expect(await eventually { cluster.list("v1", "Pod", "default", labels: "app=paused").isEmpty })
            let sets = cluster.list("apps/v1", "ReplicaSet", "default")
            #expect(sets.count == 1, "a paused deployment creates no replica set for its new template")
            #expect(sets.first?.int("spec", "replicas") == 0)
        }
    }

    @Test("a template change creates a new ReplicaSet and scales the old one to zero")
    func deploymentTemplateChange() async throws {
        try await TestCluster.run { cluster in
            try cluster.create(deployment("app", replicas: 2))
            #expect(await eventually { cluster.get("apps/v1", "Deployment", "default", "app")?.int("status", "availableReplicas") == 2 })
            try cluster.modify("apps/v1", "Deployment", "default", "app") {
                $0[path: "spec", "template", "spec", "containers"] = [["name": "web", "image": "nginx:1.28"]]
            }
            #expect(await eventually {
                let sets = cluster.list("apps/v1", "ReplicaSet", "default")
                let pods = cluster.list("v1", "Pod", "default", labels: "app=app")
                return sets.count == 2 && sets.contains { $0.int("spec", "replicas") == 0 } && pods.count == 2
                    && pods.allSatisfy { $0.json[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.28" && $0.ready }
            })
            let current = cluster.get("apps/v1", "Deployment", "default", "app")
            #expect(current?.annotations["deployment.kubernetes.io/revision"] == "2")
        }
    }

    @Test("a statefulset creates ordinal pods in order with a claim per template and ordinal")
    func statefulSetOrderedPodsAndClaims() async throws {
        let volumes = try TemporaryDirectory()
        defer { volumes.remove() }
        try await TestCluster.run(stateDirectory: volumes.path) { cluster in
            try cluster.create([
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": "db", "namespace": "default"],
                "spec": [
                    "replicas": 3, "serviceName": "db", "selector": ["matchLabels": ["app": "db"]], "template": podTemplate(labels: ["app": "db"]),
                    "volumeClaimTemplates": [["metadata": ["name": "data"], "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]]]],
                ],
            ])
            #expect(await eventually { cluster.get("apps/v1", "StatefulSet", "default", "db")?.int("status", "readyReplicas") == 3 })
            let pods = cluster.list("v1", "Pod", "default", labels: "app=db").sorted { $0.name < $1.name }
            #expect(pods.map(\.name) == ["db-0", "db-1", "db-2"])
            let created = pods.compactMap { $0.creationTimestamp }
            #expect(created == created.sorted())
            let claims = cluster.list("v1", "PersistentVolumeClaim", "default").map(\.name).sorted()
            #expect(claims == ["data-db-0", "data-db-1", "data-db-2"])
            let status = try #require(cluster.get("apps/v1", "StatefulSet", "default", "db"))
            #expect(status.string("status", "currentRevision") == status.string("status", "updateRevision"))
            try cluster.modify("apps/v1", "StatefulSet", "default", "db") { $0[path: "spec", "replicas"] = 1 }
            #expect(await eventually { cluster.list("v1", "Pod", "default", labels: "app=db").map(\.name) == ["db-0"] })
            #expect(cluster.list("v1", "PersistentVolumeClaim", "default").count == 3)
        }
    }

    @Test("a daemonset runs a pod per matching node and none when no node matches")
    func daemonSetFollowsNodeSelector() async throws {
        try await TestCluster.run { cluster in
            try cluster.create([
                "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "agent", "namespace": "default"],
                "spec": ["selector": ["matchLabels": ["app": "agent"]], "template": podTemplate(labels: ["app": "agent"])],
            ])
            #expect(await eventually { cluster.get("apps/v1", "DaemonSet", "default", "agent")?.int("status", "numberReady") == 2 })
            let nodes = Set(cluster.list("v1", "Pod", "default", labels: "app=agent").compactMap { $0.string("spec", "nodeName") })
            #expect(nodes == Set(cluster.settings.nodeNames))
            try cluster.modify("apps/v1", "DaemonSet", "default", "agent") {
                $0[path: "spec", "template", "spec", "nodeSelector"] = ["quiesce": "true"]
            }
            #expect(await eventually {
                cluster.list("v1", "Pod", "default", labels: "app=agent").isEmpty
                    && cluster.get("apps/v1", "DaemonSet", "default", "agent")?.int("status", "desiredNumberScheduled") == 0
            })
        }
    }

    @Test("a job with parallelism 0 runs nothing; with parallelism it completes")
    func jobParallelism() async throws {
        try await TestCluster.run { cluster in
            func job(_ name: String, parallelism: Int64) -> JSONValue {
                [
                    "apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": .string(name), "namespace": "default"],
                    "spec": ["parallelism": .int(parallelism), "completions": 1, "template": podTemplate(labels: ["job": name], restartPolicy: "Never")],
                ]
            }
            try cluster.create(job("paused", parallelism: 0))
            try cluster.create(job("once", parallelism: 1))
            #expect(await eventually {
                let done = cluster.get("batch/v1", "Job", "default", "once")
                return done?.conditionStatus("Complete") == "True" && done?.int("status", "succeeded") == 1 && done?.string("status", "completionTime") != nil
            })
            #expect(cluster.list("v1", "Pod", "default", labels: "job=paused").isEmpty)
            #expect(cluster.get("batch/v1", "Job", "default", "paused")?.conditionStatus("Complete") == nil)
            #expect(cluster.list("v1", "Pod", "default", labels: "job=once").first?.string("status", "phase") == "Succeeded")
        }
    }

    @Test("a pod whose node selector matches no node stays pending with the scheduler's message")
    func unschedulablePod() async throws {
        try await TestCluster.run { cluster in
            var pod = podTemplate(labels: ["app": "lost"], nodeSelector: ["disk": "ssd"])
            pod["apiVersion"] = "v1"
            pod["kind"] = "Pod"
            pod[path: ["metadata", "name"]] = "lost"
            pod[path: ["metadata", "namespace"]] = "default"
            try cluster.create(pod)
            #expect(await eventually { cluster.get("v1", "Pod", "default", "lost")?.conditionStatus("PodScheduled") == "False" })
            let stored = try #require(cluster.get("v1", "Pod", "default", "lost"))
            #expect(stored.string("status", "phase") == "Pending")
            #expect(stored.string("spec", "nodeName") == nil)
            let message = stored[path: "status", "conditions"]?.arrayValue?.first?["message"]?.stringValue
            #expect(message == "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.")
        }
    }
}
