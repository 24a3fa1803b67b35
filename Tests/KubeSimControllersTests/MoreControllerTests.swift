import Foundation
import KubeCore
import KubeSimStorage
import Testing
@testable import KubeSimControllers

@Suite("OpenShift, batch and service details")
struct MoreControllerTests {
    @Test("a DeploymentConfig runs version 1 as ReplicationController <dc>-1 with ready pods")
    func deploymentConfig() async throws {
        try await TestCluster.run { cluster in
            try cluster.create([
                "apiVersion": "apps.openshift.io/v1", "kind": "DeploymentConfig", "metadata": ["name": "legacy", "namespace": "default"],
                "spec": ["replicas": 2, "selector": ["app": "legacy"], "template": podTemplate(labels: ["app": "legacy"]), "triggers": [["type": "ConfigChange"]]],
            ])
            #expect(await eventually {
                let config = cluster.get("apps.openshift.io/v1", "DeploymentConfig", "default", "legacy")
                return config?.int("status", "latestVersion") == 1 && config?.int("status", "availableReplicas") == 2
            })
            let controller = try #require(cluster.get("v1", "ReplicationController", "default", "legacy-1"))
            #expect(controller.int("status", "readyReplicas") == 2)
            let pods = cluster.list("v1", "Pod", "default", labels: "deploymentconfig=legacy")
            #expect(pods.count == 2 && pods.allSatisfy { $0.labels["deployment"] == "legacy-1" && $0.ready })
            try cluster.modify("apps.openshift.io/v1", "DeploymentConfig", "default", "legacy") {
                $0[path: "spec", "template", "spec", "containers"] = [["name": "web", "image": "nginx:1.28"]]
            }
            #expect(await eventually {
                cluster.get("apps.openshift.io/v1", "DeploymentConfig", "default", "legacy")?.int("status", "latestVersion") == 2
                    && cluster.list("v1", "Pod", "default", labels: "deployment=legacy-2").filter(\.ready).count == 2
                    && cluster.list("v1", "Pod", "default", labels: "deployment=legacy-1").isEmpty
            })
        }
    }

    @Test("a ReplicationController keeps its replicas")
    func replicationController() async throws {
        try await TestCluster.run { cluster in
            try cluster.create([
                "apiVersion": "v1", "kind": "ReplicationController", "metadata": ["name": "rc", "namespace": "default"],
                "spec": ["replicas": 3, "selector": ["app": "rc"], "template": podTemplate(labels: ["app": "rc"])],
            ])
            #expect(await eventually { cluster.get("v1", "ReplicationController", "default", "rc")?.int("status", "readyReplicas") == 3 })
            let victim = try #require(cluster.list("v1", "Pod", "default", labels: "app=rc").first)
            try cluster.delete("v1", "Pod", "default", victim.name)
            #expect(await eventually {
                let pods = cluster.list("v1", "Pod", "default", labels: "app=rc")
                return pods.count == 3 && !pods.contains { $0.name == victim.name } && pods.allSatisfy(\.ready)
            })
        }
    }

    @Test("a suspended CronJob creates no jobs; an HPA reports its target's replicas")
    func cronJobAndAutoscaler() async throws {
        try await TestCluster.run { cluster in
            try cluster.create([
                "apiVersion": "batch/v1", "kind": "CronJob", "metadata": ["name": "nightly", "namespace": "default"],
                "spec": ["schedule": "* * * * *", "suspend": true,
                         "jobTemplate": ["spec": ["template": podTemplate(labels: ["app": "nightly"], restartPolicy: "OnFailure")]]],
            ])
            try cluster.create([
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "scaled", "namespace": "default"],
                "spec": ["replicas": 3, "selector": ["matchLabels": ["app": "scaled"]], "template": podTemplate(labels: ["app": "scaled"])],
            ])
            try cluster.create([
                "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": ["name": "scaled", "namespace": "default"],
                "spec": ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "scaled"], "minReplicas": 1, "maxReplicas": 5],
            ])
            #expect(await eventually {
                let autoscaler = cluster.get("autoscaling/v2", "HorizontalPodAutoscaler", "default", "scaled")
                return autoscaler?.int("status", "currentReplicas") == 3 && autoscaler?.int("status", "desiredReplicas") == 3
            })
            #expect(cluster.list("batch/v1", "Job", "default").isEmpty)
        }
    }

    @Test("an update without clusterIP keeps the allocated one; a deleted service frees its node port")
    func serviceAllocationLifecycle() async throws {
        try await TestCluster.run { cluster in
            func service(_ name: String, nodePort: Int64) -> JSONValue {
                ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name), "namespace": "default"],
                 "spec": ["type": "NodePort", "ports": [["port": 80, "nodePort": .int(nodePort)]]]]
            }
            let created = try cluster.create(service("first", nodePort: 30500))
            let ip = try #require(created.string("spec", "clusterIP"))
            var replacement = try KubeObject(json: service("first", nodePort: 30500))
            replacement.resourceVersion = created.resourceVersion
            replacement[path: "spec", "ports"] = [["port": 8080]]
            let updated = try cluster.store.update(replacement, in: cluster.definition("v1", "Service"))
            #expect(updated.string("spec", "clusterIP") == ip)
            let nodePort = updated[path: "spec", "ports"]?.arrayValue?.first?["nodePort"]?.intValue
            #expect(nodePort.map { (30000...32767).contains($0) } == true)
            try cluster.delete("v1", "Service", "default", "first")
            let reused = try cluster.create(service("second", nodePort: Int64(nodePort ?? 0)))
            #expect(reused[path: "spec", "ports"]?.arrayValue?.first?["nodePort"]?.intValue == nodePort)
        }
    }

    @Test("dependents of an owner whose kind the cluster does not serve are kept")
    func garbageCollectionUnknownOwnerKind() async throws {
        try await TestCluster.run { cluster in
            let reference = OwnerReference(apiVersion: "example.com/v1", kind: "Unserved", name: "gone", uid: "00000000-0000-0000-0000-000000000001")
            try cluster.create([
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": ["name": "kept", "namespace": "default", "ownerReferences": [reference.json]],
            ])
            let parent = try cluster.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "parent", "namespace": "default"]])
            let child = OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "parent", uid: parent.uid ?? "")
            try cluster.create([
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": ["name": "child", "namespace": "default", "ownerReferences": [child.json]],
            ])
            try cluster.delete("v1", "ConfigMap", "default", "parent")
            // Once the collector has acted on the served owner, it has seen the other one too.
            #expect(await eventually { cluster.get("v1", "ConfigMap", "default", "child") == nil })
            #expect(cluster.get("v1", "ConfigMap", "default", "kept") != nil)
        }
    }

    @Test("a statefulset template change replaces its pods and completes the rollout")
    func statefulSetRollingUpdate() async throws {
        try await TestCluster.run { cluster in
            try cluster.create([
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": "cache", "namespace": "default"],
                "spec": ["replicas": 2, "serviceName": "cache", "selector": ["matchLabels": ["app": "cache"]], "template": podTemplate(labels: ["app": "cache"])],
            ])
            #expect(await eventually { cluster.get("apps/v1", "StatefulSet", "default", "cache")?.int("status", "readyReplicas") == 2 })
            let before = try #require(cluster.get("apps/v1", "StatefulSet", "default", "cache")?.string("status", "updateRevision"))
            try cluster.modify("apps/v1", "StatefulSet", "default", "cache") {
                $0[path: "spec", "template", "spec", "containers"] = [["name": "web", "image": "nginx:1.28"]]
            }
            #expect(await eventually {
                guard let set = cluster.get("apps/v1", "StatefulSet", "default", "cache") else { return false }
                let revision = set.string("status", "updateRevision")
                return revision != before && set.string("status", "currentRevision") == revision
                    && set.int("status", "updatedReplicas") == 2 && set.int("status", "readyReplicas") == 2
            })
            let pods = cluster.list("v1", "Pod", "default", labels: "app=cache")
            #expect(pods.count == 2 && pods.allSatisfy { $0.json[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.28" })
        }
    }

    @Test("cron schedules fire on matching minutes only")
    func cronSchedule() throws {
        let everyFifteen = try #require(CronSchedule("*/15 * * * *"))
        let start = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z
        let next = try #require(everyFifteen.next(after: start))
        #expect(next == Date(timeIntervalSince1970: 1_700_000_100))  // 22:15:00
        #expect(everyFifteen.latest(after: start, notAfter: start.addingTimeInterval(60)) == nil)
        let daily = try #require(CronSchedule("@daily"))
        #expect(daily.next(after: start) == Date(timeIntervalSince1970: 1_700_006_400))  // next midnight UTC
        #expect(CronSchedule("61 * * * *") == nil)
        #expect(CronSchedule("not a schedule") == nil)
    }

    @Test("quantities read binary and decimal suffixes")
    func quantities() {
        #expect(Quantity.bytes("1Gi") == 1_073_741_824)
        #expect(Quantity.bytes("500M") == 500_000_000)
        #expect(Quantity.bytes("1024") == 1024)
        #expect(Quantity.bytes("lots") == nil)
    }
}
