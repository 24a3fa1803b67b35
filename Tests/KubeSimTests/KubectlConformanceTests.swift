import Foundation
import KubeCore
import Testing

/// Real kubectl against the simulator: discovery, creating a multi-document application, and
/// every everyday output format of `get`.
@Suite("kubectl conformance: discovery, create, get", .serialized, .timeLimit(.minutes(5)), .enabled(if: KubectlHarness.kubectlAvailable, "kubectl is not on PATH"))
struct KubectlConformanceTests {
    @Test("kubectl version reports a v1.32 server")
    func version() async throws {
        try await KubectlHarness.withClusters { kube in
            let version = try await kube.json("version")
            #expect(version[path: ["serverVersion", "major"]]?.stringValue == "1")
            #expect(version[path: ["serverVersion", "minor"]]?.stringValue == "32")
            #expect(version[path: ["serverVersion", "gitVersion"]]?.stringValue?.hasPrefix("v1.32") == true)
        }
    }

    @Test("kubectl api-resources lists built-in, OpenShift and CRD resources with their groups")
    func apiResources() async throws {
        try await KubectlHarness.withClusters { kube in
            let names = try await kube.succeed("api-resources", "-o", "name").split(separator: "\n").map(String.init)
            for expected in [
                "pods", "namespaces", "deployments.apps", "statefulsets.apps", "cronjobs.batch", "routes.route.openshift.io",
                "customresourcedefinitions.apiextensions.k8s.io", "clusterroles.rbac.authorization.k8s.io",
            ] {
                #expect(names.contains(expected), "api-resources lacks \(expected)")
            }
            let table = try await kube.succeed("api-resources", "--api-group=apps")
            let deploymentRow = try #require(table.split(separator: "\n").first { $0.hasPrefix("deployments ") })
            #expect(deploymentRow.contains("deploy"))
            #expect(deploymentRow.contains("apps/v1"))
            #expect(deploymentRow.contains("true"))
            #expect(deploymentRow.contains("Deployment"))
        }
    }

    @Test("kubectl api-versions lists the served group versions")
    func apiVersions() async throws {
        try await KubectlHarness.withClusters { kube in
            let versions = try await kube.succeed("api-versions").split(separator: "\n").map(String.init)
            for expected in ["v1", "apps/v1", "batch/v1", "rbac.authorization.k8s.io/v1", "networking.k8s.io/v1", "route.openshift.io/v1", "apiextensions.k8s.io/v1"] {
                #expect(versions.contains(expected), "api-versions lacks \(expected)")
            }
        }
    }

    @Test("kubectl create -f creates every object of a multi-document application")
    func createApplication() async throws {
        try await KubectlHarness.withClusters { kube in
            let output = try await KubectlSampleApp.create(with: kube)
            for object in KubectlSampleApp.createdObjects {
                #expect(output.contains("\(object) created"), "create did not report \(object)")
            }
            let list = try await kube.json("get", "configmaps,secrets,serviceaccounts,deployments,statefulsets,services,persistentvolumeclaims,cronjobs,ingresses,roles,rolebindings", "-n", "shop")
            let kinds = Set(list["items"]?.arrayValue?.compactMap { item in
                "\(item["kind"]?.stringValue ?? "")/\(item[path: ["metadata", "name"]]?.stringValue ?? "")"
            } ?? [])
            for expected in [
                "ConfigMap/web-config", "Secret/db-credentials", "ServiceAccount/web", "Deployment/web", "StatefulSet/db", "Service/db",
                "PersistentVolumeClaim/uploads", "CronJob/backup", "Ingress/web", "Role/config-reader", "RoleBinding/web-reads-config",
            ] {
                #expect(kinds.contains(expected), "get lacks \(expected)")
            }
            let secret = try await kube.json("get", "secret", "db-credentials", "-n", "shop")
            #expect(secret[path: ["data", "password"]]?.stringValue == Data("s3cret".utf8).base64EncodedString(), "stringData is stored as data")
            #expect(secret[path: ["stringData"]] == nil)
        }
    }

    @Test("kubectl create -f of an existing object fails with AlreadyExists")
    func createTwice() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)
            let again = try await kube.kubectl("create", "-f", KubectlSampleApp.path)
            #expect(!again.succeeded)
            #expect(again.errorOutput.contains("already exists"), "\(again)")
        }
    }

    @Test("kubectl get prints json, yaml, wide, name, jsonpath and custom-columns")
    func getOutputFormats() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)

            let deployment = try await kube.json("get", "deployment", "web", "-n", "shop")
            #expect(deployment["kind"]?.stringValue == "Deployment")
            #expect(deployment["apiVersion"]?.stringValue == "apps/v1")
            #expect(deployment[path: ["spec", "replicas"]]?.intValue == 2)
            #expect(deployment[path: ["metadata", "uid"]]?.stringValue?.isEmpty == false)

            let yaml = try await kube.succeed("get", "configmap", "web-config", "-n", "shop", "-o", "yaml")
            #expect(yaml.contains("kind: ConfigMap"))
            #expect(yaml.contains("LOG_LEVEL: info"))

            let wide = try await kube.succeed("get", "deployments", "-n", "shop", "-o", "wide")
            let header = try #require(wide.split(separator: "\n").first)
            for column in ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"] {
                #expect(header.contains(column), "wide header lacks \(column): \(header)")
            }
            #expect(wide.contains("registry.example.com/shop/web:1.0"))
            #expect(wide.contains("app=web"))

            let names = try await kube.succeed("get", "deployments,statefulsets", "-n", "shop", "-o", "name")
            #expect(names.split(separator: "\n").map(String.init) == ["deployment.apps/web", "statefulset.apps/db"])

            let jsonpath = try await kube.succeed("get", "configmaps", "-n", "shop", "-l", "app", "-o", "jsonpath={.items[*].metadata.name}")
            #expect(jsonpath.split(separator: " ").map(String.init).sorted() == ["db-config", "web-config"])

            let columns = try await kube.succeed("get", "deployments", "-n", "shop", "-o", "custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image")
            let rows = columns.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(rows.first == ["NAME", "REPLICAS", "IMAGE"])
            #expect(rows.dropFirst().first == ["web", "2", "registry.example.com/shop/web:1.0"])
        }
    }

    @Test("kubectl get filters with -l and --field-selector and spans namespaces with -A")
    func getSelectors() async throws {
        try await KubectlHarness.withClusters { kube in
            _ = try await KubectlSampleApp.create(with: kube)
            try await kube.succeed("create", "configmap", "elsewhere", "-n", "default", "--from-literal=a=b")

            let web = try await kube.json("get", "configmaps,services,deployments", "-n", "shop", "-l", "app=web")
            #expect(KubectlHarness.names(web).sorted() == ["web", "web", "web-config"])
            let notWeb = try await kube.json("get", "configmaps", "-n", "shop", "-l", "app!=web,app")
            #expect(KubectlHarness.names(notWeb) == ["db-config"])
            let setBased = try await kube.json("get", "configmaps", "-n", "shop", "-l", "app in (db,cache)")
            #expect(KubectlHarness.names(setBased) == ["db-config"])

            let byField = try await kube.json("get", "configmaps", "-n", "shop", "--field-selector", "metadata.name=web-config")
            #expect(KubectlHarness.names(byField) == ["web-config"])
            let notField = try await kube.json("get", "secrets", "-n", "shop", "--field-selector", "type!=Opaque")
            #expect(!KubectlHarness.names(notField).contains("db-credentials"))

            let everywhere = try await kube.json("get", "configmaps", "-A")
            let pairs = everywhere["items"]?.arrayValue?.compactMap { item -> String? in
                guard let namespace = item[path: ["metadata", "namespace"]]?.stringValue, let name = item[path: ["metadata", "name"]]?.stringValue else { return nil }
                return "\(namespace)/\(name)"
            } ?? []
            #expect(pairs.contains("shop/web-config"))
            #expect(pairs.contains("default/elsewhere"))

            let table = try await kube.succeed("get", "configmaps", "-A")
            #expect(table.split(separator: "\n").first?.hasPrefix("NAMESPACE") == true)
            #expect(table.contains("elsewhere"))
        }
    }

    @Test("kubectl get --raw reads /version and /api/v1/namespaces")
    func getRaw() async throws {
        try await KubectlHarness.withClusters { kube in
            let version = try JSONValue(parsing: Array(try await kube.succeed("get", "--raw", "/version").utf8))
            #expect(version["gitVersion"]?.stringValue?.hasPrefix("v1.32") == true)
            let namespaces = try JSONValue(parsing: Array(try await kube.succeed("get", "--raw", "/api/v1/namespaces").utf8))
            #expect(namespaces["kind"]?.stringValue == "NamespaceList")
            let names = KubectlHarness.names(namespaces)
            #expect(names.contains("default"))
            #expect(names.contains("kube-system"))
        }
    }

    @Test("the destination context reaches the other cluster, which has its own objects")
    func twoContexts() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.succeed("create", "configmap", "only-on-source", "--from-literal=a=b")
            let onDestination = try await kube.kubectl("--context", "destination", "get", "configmap", "only-on-source")
            #expect(!onDestination.succeeded)
            #expect(onDestination.errorOutput.contains("NotFound") || onDestination.errorOutput.contains("not found"), "\(onDestination)")
            let nodes = try await kube.json("--context", "destination", "get", "nodes")
            #expect(KubectlHarness.names(nodes).allSatisfy { $0.hasPrefix("destination-") })
            #expect(!KubectlHarness.names(nodes).isEmpty)
        }
    }
}
