import Foundation
import KubeCore
import KubeSimStorage

/// Builds stores and objects for the storage tests.
enum TestSupport {
    static let registry = ResourceRegistry()

    static func definition(_ group: String, _ resource: String) -> ResourceDefinition {
        guard let definition = ResourceRegistry().definition(for: GroupResource(group: group, resource: resource)) else {
            fatalError("no built-in resource \(resource).\(group)")
        }
        return definition
    }

    static let namespaces = definition("", "namespaces")
    static let pods = definition("", "pods")
    static let configMaps = definition("", "configmaps")
    static let services = definition("", "services")
    static let secrets = definition("", "secrets")
    static let deployments = definition("apps", "deployments")
    static let crds = definition("apiextensions.k8s.io", "customresourcedefinitions")

    /// A fresh in-memory store with namespaces `default` and any others given.
    static func store(namespaces names: [String] = ["default"], stateDirectory: String? = nil) throws -> ObjectStore {
        let store = try ObjectStore(registry: ResourceRegistry(), stateDirectory: stateDirectory)
        for name in names {
            _ = try store.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: name), in: namespaces)
        }
        return store
    }

    static func configMap(_ name: String, namespace: String = "default", labels: [String: String] = [:], data: JSONObject = [:]) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace)
        object.labels = labels
        if !data.isEmpty { object["data"] = .object(data) }
        return object
    }

    static func object(_ json: String) throws -> KubeObject {
        try KubeObject(parsing: Array(json.utf8))
    }

    /// `/work/shared/fixtures/exported`, found relative to this file.
    static var fixturesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/fixtures/exported").standardized
    }

    static func fixture(_ name: String) throws -> KubeObject {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent(name))
        return try KubeObject(parsing: [UInt8](data))
    }

    /// Collects up to `count` events from `stream`.
    static func collect(_ count: Int, from stream: AsyncStream<WatchEvent>) async -> [WatchEvent] {
        var events: [WatchEvent] = []
        for await event in stream {
            events.append(event)
            if events.count == count { break }
        }
        return events
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "kubesim-storage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
