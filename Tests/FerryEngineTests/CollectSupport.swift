import FerryEngine
import KubeClient
import KubeCore
import KubeSim
import Logging

/// A logger that discards everything.
let silentLogger = Logger(label: "ferry-engine-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// Runs `body` with an admin client of a fresh simulated cluster named `name`; the client
/// is shut down on every path.
func withCluster<T>(_ name: String = "source", _ body: (KubeSimCluster, KubeClient) async throws -> T) async throws -> T {
    try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: name), logger: silentLogger) { cluster in
        let client = try KubeClient(configuration: adminConfiguration(cluster), logger: silentLogger)
        do {
            let result = try await body(cluster, client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// The configuration an admin uses to reach `cluster`.
func adminConfiguration(_ cluster: KubeSimCluster) -> ClientConfiguration {
    ClientConfiguration(
        server: cluster.url,
        tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: "sim"),
        credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0)
}

/// Builds objects for seeding clusters.
enum Seed {
    static func namespace(_ name: String, labels: [String: String] = [:]) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "Namespace", name: name)
        object.labels = labels
        return object
    }

    static func configMap(_ name: String, namespace: String, labels: [String: String] = [:], data: [String: String] = ["key": "value"]) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace)
        object.labels = labels
        object["data"] = .object(data.mapValues(JSONValue.string))
        return object
    }

    static func secret(_ name: String, namespace: String) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "Secret", name: name, namespace: namespace)
        object["type"] = "Opaque"
        object["data"] = ["password": "c2VjcmV0"]
        return object
    }

    static func serviceAccount(_ name: String, namespace: String) -> KubeObject {
        KubeObject(apiVersion: "v1", kind: "ServiceAccount", name: name, namespace: namespace)
    }

    static func role(_ name: String, namespace: String) -> KubeObject {
        var object = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", name: name, namespace: namespace)
        object["rules"] = [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]]]
        return object
    }

    static func roleBinding(_ name: String, namespace: String, role: String, serviceAccount: String) -> KubeObject {
        var object = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", name: name, namespace: namespace)
        object["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(role)]
        object["subjects"] = [["kind": "ServiceAccount", "name": .string(serviceAccount), "namespace": .string(namespace)]]
        return object
    }

    static func deployment(_ name: String, namespace: String, labels: [String: String] = [:]) -> KubeObject {
        var object = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: name, namespace: namespace)
        object.labels = labels
        object.spec = [
            "replicas": 1,
            "selector": ["matchLabels": ["app": .string(name)]],
            "template": [
                "metadata": ["labels": ["app": .string(name)]],
                "spec": ["containers": [["name": "main", "image": "registry.example/app:1"]]],
            ],
        ]
        return object
    }

    static func service(_ name: String, namespace: String) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "Service", name: name, namespace: namespace)
        object.spec = ["selector": ["app": .string(name)], "ports": [["port": 80, "targetPort": 8080]]]
        return object
    }

    /// A 1Gi claim; with `volumeName` it binds to that volume (the simulator does not look
    /// for a matching volume again when one is created after the claim).
    static func claim(_ name: String, namespace: String, volumeName: String? = nil) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: name, namespace: namespace)
        object.spec = ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]]
        if let volumeName { object[path: "spec", "volumeName"] = .string(volumeName) }
        return object
    }

    /// An available volume of the default class that a 1Gi claim binds to.
    static func volume(_ name: String) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: name)
        object.spec = [
            "capacity": ["storage": "1Gi"], "accessModes": ["ReadWriteOnce"], "storageClassName": "standard",
            "persistentVolumeReclaimPolicy": "Retain", "hostPath": ["path": .string("/tmp/ferry-tests/\(name)")],
        ]
        return object
    }

    static func event(_ name: String, namespace: String) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "Event", name: name, namespace: namespace)
        object["involvedObject"] = ["kind": "ConfigMap", "name": "settings", "namespace": .string(namespace)]
        object["reason"] = "Seeded"
        object["message"] = "seeded by a test"
        object["type"] = "Normal"
        return object
    }

    static func securityContextConstraints(_ name: String, users: [String]) -> KubeObject {
        var object = KubeObject(apiVersion: "security.openshift.io/v1", kind: "SecurityContextConstraints", name: name)
        object["users"] = .array(users.map(JSONValue.string))
        object["allowPrivilegedContainer"] = false
        return object
    }

    /// A namespaced `Widget` kind in group `example.com`.
    static func widgetDefinition() -> KubeObject {
        var object = KubeObject(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name: "widgets.example.com")
        object.spec = [
            "group": "example.com", "scope": "Namespaced",
            "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
            "versions": [["name": "v1", "served": true, "storage": true,
                          "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]],
        ]
        return object
    }

    static func widget(_ name: String, namespace: String, size: Int = 3) -> KubeObject {
        var object = KubeObject(apiVersion: "example.com/v1", kind: "Widget", name: name, namespace: namespace)
        object.spec = ["size": .int(Int64(size))]
        return object
    }
}

extension KubeClient {
    /// Creates every object in order, through discovery (a CRD's kind becomes known once
    /// its definition is served).
    func seed(_ objects: [KubeObject]) async throws {
        for object in objects {
            if object.apiVersion == "example.com/v1" { _ = try await resourceMapper(refresh: true) }
            _ = try await create(object)
        }
    }

    /// Polls `condition` every 50 ms until it holds; fails after `attempts` tries.
    func eventually(_ what: String, attempts: Int = 200, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<attempts {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CollectTestFailure(message: "timed out waiting until \(what)")
    }
}

/// A test's wait that did not end.
struct CollectTestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension Array where Element == KubeObject {
    /// `Kind name` of every object, for comparisons that read well in failures.
    var kindsAndNames: Set<String> { Set(map { "\($0.kind) \($0.name)" }) }
}
