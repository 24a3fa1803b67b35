import Foundation
import KubeCore

/// The baseline: copying a namespace's ConfigMaps and Secrets with kubectl.
///
/// `kubectl get configmaps,secrets -n NS -o json` on the source, then the objects without
/// the fields the API server refuses or assigns (uid, resourceVersion, creationTimestamp,
/// managedFields, namespace) and without the namespace's published CA ConfigMap, written
/// to a file, then `kubectl create -f FILE -n TARGET` on the destination.
struct KubectlCopy {
    var kubectl: BenchProcess
    var kubeconfig: String

    /// Seconds each part took and the objects created.
    struct Timing {
        var export: Double
        var transform: Double
        var create: Double
        var objects: Int
        var total: Double { export + transform + create }
    }

    func copy(namespace: String, from source: String, to target: String, on destination: String) async throws -> Timing {
        var exported = ""
        let export = try await Stopwatch.time {
            exported = try await kubectl.run(
                ["--kubeconfig", kubeconfig, "--context", source, "get", "configmaps,secrets", "-n", namespace, "-o", "json"],
                outputLimit: 1 << 30)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-bench-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        var objects = 0
        let transform = try await Stopwatch.time {
            let list = try JSONValue(parsing: exported)
            let items = (list["items"]?.arrayValue ?? []).compactMap(Self.creatable)
            objects = items.count
            let cleaned: JSONValue = ["apiVersion": "v1", "kind": "List", "items": .array(items)]
            try Data(cleaned.serialized()).write(to: file)
        }
        var created = ""
        let create = try await Stopwatch.time {
            created = try await kubectl.run(
                ["--kubeconfig", kubeconfig, "--context", destination, "create", "-n", target, "-f", file.path, "-o", "name"],
                outputLimit: 1 << 26)
        }
        try BenchCheck.count(created.split(separator: "\n").count, expected: objects, what: "kubectl create -f")
        return Timing(export: export, transform: transform, create: create, objects: objects)
    }

    /// The object as `kubectl create` accepts it in another namespace; nil for what the
    /// destination namespace already has.
    private static func creatable(_ item: JSONValue) -> JSONValue? {
        guard var metadata = item["metadata"]?.objectValue else { return nil }
        if item["kind"]?.stringValue == "ConfigMap", metadata["name"]?.stringValue == "kube-root-ca.crt" { return nil }
        if item["type"]?.stringValue == "kubernetes.io/service-account-token" { return nil }
        for field in ["uid", "resourceVersion", "creationTimestamp", "managedFields", "namespace", "generation", "selfLink"] {
            metadata[field] = nil
        }
        guard var object = item.objectValue else { return nil }
        object["metadata"] = .object(metadata)
        return .object(object)
    }
}
