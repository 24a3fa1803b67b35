import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Quiescer against a simulated cluster")
struct QuiescerTests {
    static let namespace = "quiesce"

    /// One workload of every kind the Migration Toolkit quiesces.
    static let workloads = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: quiesce}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: quiesce}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx:1.27}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: paused, namespace: quiesce}
        spec:
          replicas: 2
          paused: true
          selector: {matchLabels: {app: paused}}
          template:
            metadata: {labels: {app: paused}}
            spec: {containers: [{name: api, image: api:1}]}
        ---
        apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        metadata: {name: legacy, namespace: quiesce}
        spec:
          replicas: 2
          selector: {app: legacy}
          template:
            metadata: {labels: {app: legacy}}
            spec: {containers: [{name: legacy, image: legacy:1}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: quiesce}
        spec:
          replicas: 2
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: postgres:16}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: standalone, namespace: quiesce}
        spec:
          replicas: 2
          selector: {matchLabels: {app: standalone}}
          template:
            metadata: {labels: {app: standalone}}
            spec: {containers: [{name: main, image: main:1}]}
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: classic, namespace: quiesce}
        spec:
          replicas: 1
          selector: {app: classic}
          template:
            metadata: {labels: {app: classic}}
            spec: {containers: [{name: main, image: main:1}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: quiesce}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: agent:1}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: linux-agent, namespace: quiesce}
        spec:
          selector: {matchLabels: {app: linux-agent}}
          template:
            metadata: {labels: {app: linux-agent}}
            spec:
              nodeSelector: {kubernetes.io/os: linux}
              containers: [{name: agent, image: agent:1}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: quiesce}
        spec:
          schedule: "*/5 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: report, image: report:1}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: batch, namespace: quiesce}
        spec:
          parallelism: 2
          completions: 100000
          template:
            spec:
              restartPolicy: Never
              containers: [{name: batch, image: batch:1}]
        """

    /// `Kind name` → the object, for every quiescible kind in the namespace.
    static func snapshot(_ client: KubeClient) async throws -> [String: KubeObject] {
        var objects: [String: KubeObject] = [:]
        for kind in QuiescibleKind.all {
            let apiVersion = kind.group.isEmpty ? kind.version : "\(kind.group)/\(kind.version)"
            for object in try await client.listAll(apiVersion: apiVersion, kind: kind.kind, namespace: namespace).items {
                objects["\(kind.kind) \(object.name)"] = object
            }
        }
        return objects
    }

    static let quiescedDirectly: Set<String> = [
        "Deployment web", "Deployment paused", "DeploymentConfig legacy", "StatefulSet db", "ReplicaSet standalone",
        "ReplicationController classic", "DaemonSet agent", "DaemonSet linux-agent", "CronJob report", "Job batch",
    ]

    @Test("every kind in the table is stopped, its pods go, and unquiesce puts back exactly what ran", .timeLimit(.minutes(1)))
    func roundTrip() async throws {
        try await QuiesceSimulator.withClient("quiesce") { _, client in
            try await QuiesceSimulator.create(Self.workloads, client: client)
            let quiescer = Quiescer(client: client, logger: QuiesceSimulator.logger)
            try await QuiesceSimulator.waitUntil("the workloads run pods") {
                try await quiescer.runningWorkloadPods(in: [Self.namespace]).count >= 3 + 2 + 2 + 2 + 1 + 2 + 2
            }
            let before = try await Self.snapshot(client)

            let report = try await quiescer.quiesce(namespaces: [Self.namespace])
            #expect(Set(report.changes.map { "\($0.kind) \($0.name)" }) == Self.quiescedDirectly)
            try await quiescer.waitUntilQuiesced(namespaces: [Self.namespace], timeout: .seconds(30))
            #expect(try await quiescer.runningWorkloadPods(in: [Self.namespace]).isEmpty)

            let quiesced = try await Self.snapshot(client)
            let web = try #require(quiesced["Deployment web"])
            #expect(web[path: "spec", "replicas"] == 0)
            #expect(web.annotations[QuiesceAnnotations.replicas] == "3")
            #expect(web.annotations[QuiesceAnnotations.paused] == "false")
            let paused = try #require(quiesced["Deployment paused"])
            #expect(paused[path: "spec", "paused"] == true, "a quiesced Deployment keeps its paused value")
            #expect(paused[path: "spec", "replicas"] == 0)
            #expect(paused.annotations[QuiesceAnnotations.paused] == "true")
            #expect(quiesced["DeploymentConfig legacy"]?.annotations[QuiesceAnnotations.replicas] == "2")
            #expect(quiesced["ReplicationController classic"]?[path: "spec", "replicas"] == 0)
            let agent = try #require(quiesced["DaemonSet agent"])
            #expect(agent[path: "spec", "template", "spec", "nodeSelector"] == [QuiesceAnnotations.daemonSetNodeSelectorKey: "true"])
            #expect(agent.annotations[QuiesceAnnotations.nodeSelector] == "null")
            #expect(quiesced["DaemonSet linux-agent"]?.annotations[QuiesceAnnotations.nodeSelector] == #"{"kubernetes.io/os":"linux"}"#)
            #expect(quiesced["CronJob report"]?[path: "spec", "suspend"] == true)
            #expect(quiesced["CronJob report"]?.annotations[QuiesceAnnotations.suspend] == "false")
            #expect(quiesced["Job batch"]?[path: "spec", "parallelism"] == 0)
            #expect(quiesced["Job batch"]?.annotations[QuiesceAnnotations.replicas] == "2")
            for (name, object) in quiesced where !Self.quiescedDirectly.contains(name) {
                // The owner's controller scales these; they may carry the owner's annotations, copied as Kubernetes does.
                #expect(object[path: "spec", "replicas"] == 0, "\(name) is scaled down through its quiesced owner")
            }

            let again = try await quiescer.quiesce(namespaces: [Self.namespace])
            #expect(again.isEmpty, "quiescing twice changes nothing: \(again.changes)")
            #expect(try await Self.snapshot(client)["Deployment web"]?.annotations[QuiesceAnnotations.replicas] == "3")

            let restored = try await quiescer.unquiesce(namespaces: [Self.namespace])
            #expect(Set(restored.changes.map { "\($0.kind) \($0.name)" }) == Self.quiescedDirectly)
            let after = try await Self.snapshot(client)
            for name in Self.quiescedDirectly {
                let original = try #require(before[name]), current = try #require(after[name])
                #expect(!QuiesceAnnotations.isQuiesced(current), "\(name) keeps no pre-quiesce annotation")
                var currentSpec = current.spec, originalSpec = original.spec
                if name == "CronJob report" {
                    // A real API server defaults suspend to false; unquiesce writes that value.
                    #expect(current[path: "spec", "suspend"] == false)
                    currentSpec?[path: ["suspend"]] = originalSpec?["suspend"]
                }
                #expect(currentSpec == originalSpec, "\(name) runs as before")
            }
            let secondUnquiesce = try await quiescer.unquiesce(namespaces: [Self.namespace])
            #expect(secondUnquiesce.isEmpty, "unquiescing objects without annotations changes nothing")
            try await QuiesceSimulator.waitUntil("the web pods are back") {
                try await client.listAll(apiVersion: "v1", kind: "Pod", namespace: Self.namespace).items
                    .filter { $0.labels["app"] == "web" && $0.deletionTimestamp == nil }.count == 3
            }
        }
    }

    @Test("a namespace without workloads is quiesced and unquiesced without changes", .timeLimit(.minutes(1)))
    func quiescingNothing() async throws {
        try await QuiesceSimulator.withClient("empty") { _, client in
            _ = try await client.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "empty"))
            _ = try await client.create(KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "empty"))
            let quiescer = Quiescer(client: client, logger: QuiesceSimulator.logger)
            #expect(try await quiescer.quiesce(namespaces: ["empty"]).isEmpty)
            #expect(try await quiescer.quiesce(namespaces: []).isEmpty)
            try await quiescer.waitUntilQuiesced(namespaces: ["empty"], timeout: .seconds(5))
            #expect(try await quiescer.unquiesce(namespaces: ["empty"]).isEmpty)
        }
    }

    @Test("waiting for a workload that still runs fails naming its pods", .timeLimit(.minutes(1)))
    func waitTimesOut() async throws {
        try await QuiesceSimulator.withClient("running") { _, client in
            try await QuiesceSimulator.create("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: busy}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: busy}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx:1.27}]}
                """, client: client)
            let quiescer = Quiescer(client: client, logger: QuiesceSimulator.logger)
            try await QuiesceSimulator.waitUntil("the web pod runs") {
                try await !quiescer.runningWorkloadPods(in: ["busy"]).isEmpty
            }
            let pod = try #require(try await quiescer.runningWorkloadPods(in: ["busy"]).first)
            let error = await #expect(throws: QuiesceError.self) {
                try await quiescer.waitUntilQuiesced(namespaces: ["busy"], timeout: .milliseconds(200))
            }
            #expect(error?.code == .timedOut)
            #expect(error?.message.contains("busy/\(pod.name)") == true)
        }
    }
}
