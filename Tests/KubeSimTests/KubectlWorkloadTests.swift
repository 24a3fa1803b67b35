import Foundation
import KubeCore
import Testing

/// Real kubectl following workloads: rollout status, wait, watch and describe.
@Suite("kubectl conformance: workloads, waiting and watching", .serialized, .timeLimit(.minutes(5)), .enabled(if: KubectlHarness.kubectlAvailable, "kubectl is not on PATH"))
struct KubectlWorkloadTests {
    @Test("kubectl rollout status waits until the deployment has rolled out")
    func rolloutStatus() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)
            let status = try await kube.kubectl(["rollout", "status", "deployment/web", "-n", "shop", "--timeout=30s"], timeoutSeconds: 60)
            if !status.succeeded { Issue.record("\(status)\n\(try await kube.diagnostics(namespace: "shop"))") }
            #expect(status.output.contains("successfully rolled out"), "\(status)")
            let deployment = try await kube.json("get", "deployment", "web", "-n", "shop")
            #expect(deployment[path: ["status", "readyReplicas"]]?.intValue == 2)
            #expect(deployment[path: ["status", "observedGeneration"]]?.intValue == deployment[path: ["metadata", "generation"]]?.intValue)

            let statefulSet = try await kube.kubectl(["rollout", "status", "statefulset/db", "-n", "shop", "--timeout=30s"], timeoutSeconds: 60)
            #expect(statefulSet.succeeded, "\(statefulSet)")
        }
    }

    @Test("kubectl wait --for=condition=Available and --for=jsonpath succeed once the deployment is ready")
    func waitForConditionAndJSONPath() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)
            let available = try await kube.kubectl(["wait", "--for=condition=Available", "deployment/web", "-n", "shop", "--timeout=30s"], timeoutSeconds: 60)
            if !available.succeeded { Issue.record("\(available)\n\(try await kube.diagnostics(namespace: "shop"))") }
            #expect(available.output.contains("deployment.apps/web condition met"), "\(available)")

            let ready = try await kube.kubectl(["wait", "--for=jsonpath={.status.readyReplicas}=2", "deployment/web", "-n", "shop", "--timeout=30s"], timeoutSeconds: 60)
            #expect(ready.succeeded, "\(ready)")

            let never = try await kube.kubectl(["wait", "--for=jsonpath={.status.readyReplicas}=7", "deployment/web", "-n", "shop", "--timeout=2s"], timeoutSeconds: 30)
            #expect(!never.succeeded, "a condition that never holds times out")
            #expect(never.errorOutput.contains("timed out"), "\(never)")
        }
    }

    @Test("kubectl wait --for=delete returns when a finalizer is removed and the object goes")
    func waitForDelete() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: held
                  namespace: default
                  finalizers: ["example.com/hold"]
                data:
                  a: b
                """)
            try await kube.succeed("delete", "configmap", "held", "--wait=false")
            let terminating = try await kube.json("get", "configmap", "held")
            #expect(terminating[path: ["metadata", "deletionTimestamp"]] != nil, "a finalizer keeps the object, marked for deletion")

            async let waited = kube.kubectl(["wait", "--for=delete", "configmap/held", "--timeout=30s"], timeoutSeconds: 60)
            try await Task.sleep(for: .seconds(1))
            try await kube.succeed("patch", "configmap", "held", "--type=json", "-p", #"[{"op":"remove","path":"/metadata/finalizers"}]"#)
            let result = try await waited
            #expect(result.succeeded, "\(result)")
            #expect((try await kube.kubectl("get", "configmap", "held")).succeeded == false)
        }
    }

    @Test("kubectl get -w prints the object, then a line for each change")
    func getWatch() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.succeed("create", "configmap", "watched", "--from-literal=a=1")
            var changed = false
            let lines = try await kube.stream(["get", "configmap", "watched", "-w", "--output-watch-events"], timeoutSeconds: 30) { line in
                if !changed, line.contains("ADDED") {
                    changed = true
                    try await kube.succeed("patch", "configmap", "watched", "--type=merge", "-p", #"{"data":{"b":"2"}}"#)
                    return false
                }
                return line.contains("MODIFIED")
            }
            #expect(lines.first?.contains("EVENT") == true, "header first: \(lines)")
            let added = try #require(lines.first { $0.contains("ADDED") }, "\(lines)")
            #expect(added.contains("watched"))
            let modified = try #require(lines.first { $0.contains("MODIFIED") }, "no MODIFIED line: \(lines)")
            #expect(modified.contains("watched"))
            #expect(modified.split(separator: " ", omittingEmptySubsequences: true).contains("2"), "the DATA column counts 2 keys: \(modified)")
        }
    }

    @Test("kubectl describe shows deployments, pods and nodes")
    func describe() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)
            let deployment = try await kube.succeed("describe", "deployment", "web", "-n", "shop")
            #expect(deployment.contains("Name:"))
            #expect(deployment.contains("web"))
            #expect(deployment.contains("Replicas:"))
            #expect(deployment.contains("registry.example.com/shop/web:1.0"))

            let hasPod = try await kube.eventually {
                !KubectlHarness.names(try await kube.json("get", "pods", "-n", "shop", "-l", "app=web")).isEmpty
            }
            try #require(hasPod, "the workload controllers made no pod")
            let pod = try #require(KubectlHarness.names(try await kube.json("get", "pods", "-n", "shop", "-l", "app=web")).first)
            let podText = try await kube.succeed("describe", "pod", pod, "-n", "shop")
            #expect(podText.contains("Namespace:"))
            #expect(podText.contains("shop"))
            #expect(podText.contains("Containers:"))
            #expect(podText.contains("sidecar"))

            let node = try #require(KubectlHarness.names(try await kube.json("get", "nodes")).first, "the cluster has no node")
            let nodeText = try await kube.succeed("describe", "node", node)
            #expect(nodeText.contains("Name:"))
            #expect(nodeText.contains(node))
            #expect(nodeText.contains("Capacity:") || nodeText.contains("Conditions:"))
        }
    }
}
