import Foundation
import KubeCore
import Testing

/// Real kubectl changing objects: apply, the three patch types, label, annotate, scale, delete.
@Suite("kubectl conformance: changing objects", .serialized, .timeLimit(.minutes(5)), .enabled(if: KubectlHarness.kubectlAvailable, "kubectl is not on PATH"))
struct KubectlMutationTests {
    static let settings = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: default
          labels:
            app: demo
        data:
          color: blue
          size: large
        """

    @Test("kubectl apply creates, then merges a change while keeping what others set")
    func applyCreateThenChange() async throws {
        try await KubectlHarness.withClusters { kube in
            let created = try await kube.apply(Self.settings)
            #expect(created.contains("configmap/settings created"))
            let first = try await kube.json("get", "configmap", "settings")
            #expect(first[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]] != nil)

            try await kube.succeed("annotate", "configmap", "settings", "owner=team-a")
            let changed = Self.settings.replacingOccurrences(of: "color: blue", with: "color: green")
                .replacingOccurrences(of: "  size: large", with: "  size: large\n  shape: round")
            let configured = try await kube.apply(changed)
            #expect(configured.contains("configmap/settings configured"))

            let after = try await kube.json("get", "configmap", "settings")
            #expect(after[path: ["data", "color"]]?.stringValue == "green")
            #expect(after[path: ["data", "shape"]]?.stringValue == "round")
            #expect(after[path: ["data", "size"]]?.stringValue == "large")
            #expect(after[path: ["metadata", "annotations", "owner"]]?.stringValue == "team-a", "a field set outside apply is kept")
            #expect(after[path: ["metadata", "uid"]] == first[path: ["metadata", "uid"]])

            let unchanged = try await kube.apply(changed)
            #expect(unchanged.contains("configmap/settings unchanged"))

            let removed = changed.replacingOccurrences(of: "\n  shape: round", with: "")
            #expect(!removed.contains("shape"))
            try await kube.apply(removed)
            let pruned = try await kube.json("get", "configmap", "settings")
            #expect(pruned[path: ["data", "shape"]] == nil, "a field dropped from the applied manifest is removed")
        }
    }

    @Test("kubectl apply --server-side creates and updates with managed fields")
    func applyServerSide() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.apply(Self.settings, "--server-side")
            let changed = Self.settings.replacingOccurrences(of: "color: blue", with: "color: red")
            try await kube.apply(changed, "--server-side")
            let after = try await kube.json("get", "configmap", "settings")
            #expect(after[path: ["data", "color"]]?.stringValue == "red")
            #expect(after[path: ["data", "size"]]?.stringValue == "large")
        }
    }

    @Test("kubectl patch applies strategic merge, JSON merge and JSON patches")
    func patchTypes() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)

            try await kube.succeed(
                "patch", "deployment", "web", "-n", "shop", "--type=strategic",
                "-p", #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"registry.example.com/shop/web:2.0"}]}}}}"#)
            let deployment = try await kube.json("get", "deployment", "web", "-n", "shop")
            let containers = deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
            #expect(containers.count == 2, "strategic merge keys containers by name and keeps the sidecar")
            #expect(containers.first { $0["name"]?.stringValue == "web" }?["image"]?.stringValue == "registry.example.com/shop/web:2.0")
            #expect(containers.first { $0["name"]?.stringValue == "sidecar" }?["image"]?.stringValue == "registry.example.com/shop/log-shipper:2.3")
            #expect(containers.first { $0["name"]?.stringValue == "web" }?["ports"] != nil, "fields of the merged container are kept")

            try await kube.succeed("patch", "configmap", "web-config", "-n", "shop", "--type=merge", "-p", #"{"data":{"GREETING":null,"EXTRA":"yes"}}"#)
            let config = try await kube.json("get", "configmap", "web-config", "-n", "shop")
            #expect(config[path: ["data", "GREETING"]] == nil)
            #expect(config[path: ["data", "EXTRA"]]?.stringValue == "yes")
            #expect(config[path: ["data", "LOG_LEVEL"]]?.stringValue == "info")

            try await kube.succeed(
                "patch", "deployment", "web", "-n", "shop", "--type=json",
                "-p", #"[{"op":"replace","path":"/spec/replicas","value":1},{"op":"add","path":"/metadata/labels/patched","value":"true"}]"#)
            let patched = try await kube.json("get", "deployment", "web", "-n", "shop")
            #expect(patched[path: ["spec", "replicas"]]?.intValue == 1)
            #expect(patched[path: ["metadata", "labels", "patched"]]?.stringValue == "true")

            let failing = try await kube.kubectl("patch", "deployment", "web", "-n", "shop", "--type=json", "-p", #"[{"op":"test","path":"/spec/replicas","value":5}]"#)
            #expect(!failing.succeeded, "a failed JSON-patch test operation rejects the patch")
        }
    }

    @Test("kubectl label and annotate set, refuse to overwrite without --overwrite, overwrite, and remove")
    func labelAndAnnotate() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.succeed("create", "configmap", "tagged", "--from-literal=a=b")
            for command in ["label", "annotate"] {
                let field = command == "label" ? "labels" : "annotations"
                try await kube.succeed(command, "configmap", "tagged", "stage=dev")
                var object = try await kube.json("get", "configmap", "tagged")
                #expect(object[path: ["metadata", field, "stage"]]?.stringValue == "dev")

                let refused = try await kube.kubectl(command, "configmap", "tagged", "stage=prod")
                #expect(!refused.succeeded)
                #expect(refused.errorOutput.contains("already has a value"), "\(refused)")

                try await kube.succeed(command, "configmap", "tagged", "stage=prod", "--overwrite")
                object = try await kube.json("get", "configmap", "tagged")
                #expect(object[path: ["metadata", field, "stage"]]?.stringValue == "prod")

                try await kube.succeed(command, "configmap", "tagged", "stage-")
                object = try await kube.json("get", "configmap", "tagged")
                #expect(object[path: ["metadata", field, "stage"]] == nil)
            }
            try await kube.succeed("label", "configmap", "tagged", "team=a")
            let selected = try await kube.json("get", "configmaps", "-l", "team=a")
            #expect(KubectlHarness.names(selected) == ["tagged"])
        }
    }

    @Test("kubectl scale changes replicas and the pods follow")
    func scale() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)
            let scaled = try await kube.succeed("scale", "deployment", "web", "-n", "shop", "--replicas=3")
            #expect(scaled.contains("deployment.apps/web scaled"))
            let deployment = try await kube.json("get", "deployment", "web", "-n", "shop")
            #expect(deployment[path: ["spec", "replicas"]]?.intValue == 3)

            let podsFollowed = try await kube.eventually {
                KubectlHarness.names(try await kube.json("get", "pods", "-n", "shop", "-l", "app=web")).count == 3
            }
            #expect(podsFollowed, "three web pods after scaling to 3")

            try await kube.succeed("scale", "deployment", "web", "-n", "shop", "--replicas=1")
            let podsShrank = try await kube.eventually {
                let pods = try await kube.json("get", "pods", "-n", "shop", "-l", "app=web")
                let live = pods["items"]?.arrayValue?.filter { $0[path: ["metadata", "deletionTimestamp"]] == nil } ?? []
                return live.count == 1
            }
            #expect(podsShrank, "one web pod after scaling to 1")

            let precondition = try await kube.kubectl("scale", "deployment", "web", "-n", "shop", "--current-replicas=5", "--replicas=2")
            #expect(!precondition.succeeded, "--current-replicas is a precondition")
        }
    }

    @Test("kubectl delete removes by name, by label and --all")
    func delete() async throws {
        try await KubectlHarness.withClusters { kube in
            for name in ["one", "two", "three", "four"] {
                try await kube.succeed("create", "configmap", name, "--from-literal=a=b")
            }
            try await kube.succeed("label", "configmap", "two", "three", "group=doomed")

            let byName = try await kube.succeed("delete", "configmap", "one")
            #expect(byName.contains("configmap \"one\" deleted"))
            var left = KubectlHarness.names(try await kube.json("get", "configmaps"))
            #expect(!left.contains("one"))

            try await kube.succeed("delete", "configmaps", "-l", "group=doomed")
            left = KubectlHarness.names(try await kube.json("get", "configmaps"))
            #expect(!left.contains("two") && !left.contains("three"))
            #expect(left.contains("four"))

            try await kube.succeed("delete", "configmaps", "--all")
            left = KubectlHarness.names(try await kube.json("get", "configmaps"))
            #expect(!left.contains("four"))

            let missing = try await kube.kubectl("delete", "configmap", "one")
            #expect(!missing.succeeded)
            #expect(missing.errorOutput.contains("NotFound") || missing.errorOutput.contains("not found"), "\(missing)")
        }
    }

    @Test("deleting a namespace deletes everything in it")
    func namespaceCascade() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)
            let deleted = try await kube.kubectl(["delete", "namespace", "shop", "--timeout=60s"], timeoutSeconds: 90)
            #expect(deleted.succeeded, "\(deleted)")
            let gone = try await kube.kubectl("get", "namespace", "shop")
            #expect(!gone.succeeded)
            for path in [
                "/api/v1/namespaces/shop/configmaps", "/api/v1/namespaces/shop/secrets", "/api/v1/namespaces/shop/services",
                "/api/v1/namespaces/shop/pods", "/api/v1/namespaces/shop/persistentvolumeclaims",
                "/apis/apps/v1/namespaces/shop/deployments", "/apis/apps/v1/namespaces/shop/statefulsets",
            ] {
                let list = try JSONValue(parsing: Array(try await kube.succeed("get", "--raw", path).utf8))
                #expect(KubectlHarness.names(list).isEmpty, "\(path) still lists \(KubectlHarness.names(list))")
            }
        }
    }

    @Test("kubectl delete --cascade=orphan keeps the ReplicaSet of a deleted Deployment")
    func orphanCascade() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)
            let hasReplicaSet = try await kube.eventually {
                !KubectlHarness.names(try await kube.json("get", "replicasets", "-n", "shop", "-l", "app=web")).isEmpty
            }
            try #require(hasReplicaSet, "the deployment controller made no ReplicaSet")
            try await kube.succeed("delete", "deployment", "web", "-n", "shop", "--cascade=orphan")
            let orphaned = try await kube.eventually {
                let sets = try await kube.json("get", "replicasets", "-n", "shop", "-l", "app=web")
                guard let set = sets["items"]?.arrayValue?.first else { return false }
                return set[path: ["metadata", "ownerReferences"]]?.arrayValue?.isEmpty ?? true
            }
            #expect(orphaned, "the ReplicaSet survives without an owner reference")
            #expect((try await kube.kubectl("get", "deployment", "web", "-n", "shop")).succeeded == false)
            let pods = try await kube.json("get", "pods", "-n", "shop", "-l", "app=web")
            #expect(KubectlHarness.names(pods).count == 2, "the orphaned ReplicaSet keeps its pods")
        }
    }
}
