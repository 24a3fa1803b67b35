import Foundation
import KubeClient
import KubeCore

/// The applications the benchmarks migrate.
enum BenchObjects {
    /// The label every object the benchmark creates carries, to count them after a migration.
    static let label = "ferry-bench"

    /// A small application of 20 objects: 2 Deployments, 2 Services, a ServiceAccount, a Role
    /// and its RoleBinding, 8 ConfigMaps and 5 Secrets; no volumes.
    static func smallApplication(namespace: String) -> [KubeObject] {
        var objects: [KubeObject] = []
        for component in ["web", "worker"] {
            objects.append(deployment(component, namespace: namespace))
            objects.append(service(component, namespace: namespace))
        }
        objects.append(labeled(KubeObject(apiVersion: "v1", kind: "ServiceAccount", name: "app", namespace: namespace), "small"))
        var role = labeled(KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", name: "app", namespace: namespace), "small")
        role["rules"] = [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch"]]]
        objects.append(role)
        var binding = labeled(KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", name: "app", namespace: namespace), "small")
        binding["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "app"]
        binding["subjects"] = [["kind": "ServiceAccount", "name": "app", "namespace": .string(namespace)]]
        objects.append(binding)
        objects += (0..<8).map { configMap($0, namespace: namespace, set: "small", bytes: 300) }
        objects += (0..<5).map { secret($0, namespace: namespace, set: "small", bytes: 100) }
        return objects
    }

    static func deployment(_ component: String, namespace: String) -> KubeObject {
        var object = labeled(KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: component, namespace: namespace), "small")
        let podLabels: JSONValue = ["app": .string(component)]
        object["spec"] = [
            "replicas": 2,
            "selector": ["matchLabels": podLabels],
            "template": [
                "metadata": ["labels": podLabels],
                "spec": [
                    "serviceAccountName": "app",
                    "containers": [[
                        "name": .string(component), "image": .string("registry.example.com/shop/\(component):1.4"),
                        "ports": [["containerPort": 8080]],
                        "envFrom": [["configMapRef": ["name": "settings-0"]]],
                    ]],
                ],
            ],
        ]
        return object
    }

    static func service(_ component: String, namespace: String) -> KubeObject {
        var object = labeled(KubeObject(apiVersion: "v1", kind: "Service", name: component, namespace: namespace), "small")
        object["spec"] = ["selector": ["app": .string(component)], "ports": [["port": 80, "targetPort": 8080]]]
        return object
    }

    /// A ConfigMap with a value of `bytes` characters.
    static func configMap(_ index: Int, namespace: String, set: String, bytes: Int) -> KubeObject {
        var object = labeled(KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings-\(index)", namespace: namespace), set)
        object["data"] = ["value": .string(String(repeating: "c", count: bytes)), "index": .string(String(index))]
        return object
    }

    /// An Opaque Secret with a value of `bytes` bytes.
    static func secret(_ index: Int, namespace: String, set: String, bytes: Int) -> KubeObject {
        var object = labeled(KubeObject(apiVersion: "v1", kind: "Secret", name: "credentials-\(index)", namespace: namespace), set)
        object["type"] = "Opaque"
        object["data"] = ["token": .string(Data(repeating: UInt8(ascii: "s"), count: bytes).base64EncodedString())]
        return object
    }

    /// `configMaps` ConfigMaps and `secrets` Secrets of a few hundred bytes each.
    static func bulk(namespace: String, configMaps: Int, secrets: Int) -> [KubeObject] {
        (0..<configMaps).map { configMap($0, namespace: namespace, set: "bulk", bytes: 300) }
            + (0..<secrets).map { secret($0, namespace: namespace, set: "bulk", bytes: 200) }
    }

    private static func labeled(_ object: KubeObject, _ set: String) -> KubeObject {
        var object = object
        object.labels = [label: set]
        return object
    }
}
