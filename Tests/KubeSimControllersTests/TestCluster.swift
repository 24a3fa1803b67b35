import Foundation
import KubeCore
import KubeSimControllers
import KubeSimStorage
import Logging
import ServiceLifecycle
import Testing

/// A store with every controller running, for one test.
struct TestCluster: Sendable {
    let store: ObjectStore
    let settings: ClusterSettings

    /// Runs `body` against a bootstrapped cluster whose controllers run in a `ServiceGroup`,
    /// shutting them down afterwards.
    static func run(
        stateDirectory: String? = nil, _ body: @Sendable (TestCluster) async throws -> Void
    ) async throws {
        let settings = ClusterSettings(clusterName: "test", stateDirectory: stateDirectory, caCertificatePEM: "TEST-CA")
        let store = try ObjectStore(registry: ResourceRegistry(), stateDirectory: nil)
        try KubeSimControllers.bootstrap(store: store, settings: settings)
        var logger = Logger(label: "kubesim-controllers-test")
        logger.logLevel = .warning
        let services = KubeSimControllers.makeAll(context: ControllerContext(store: store, logger: logger), settings: settings)
        let group = ServiceGroup(services: services, logger: logger)
        let cluster = TestCluster(store: store, settings: settings)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await body(cluster)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    func definition(_ apiVersion: String, _ kind: String) throws -> ResourceDefinition {
        try #require(store.registry.definition(apiVersion: apiVersion, kind: kind), "no resource for \(apiVersion) \(kind)")
    }

    @discardableResult
    func create(_ json: JSONValue) throws -> KubeObject {
        let object = try KubeObject(json: json)
        return try store.create(object, in: definition(object.apiVersion, object.kind))
    }

    func get(_ apiVersion: String, _ kind: String, _ namespace: String?, _ name: String) -> KubeObject? {
        guard let definition = try? definition(apiVersion, kind) else { return nil }
        return try? store.get(definition, namespace: namespace, name: name)
    }

    func list(_ apiVersion: String, _ kind: String, _ namespace: String?, labels: String? = nil) -> [KubeObject] {
        guard let definition = try? definition(apiVersion, kind) else { return [] }
        return (try? store.list(definition, namespace: namespace, options: ListOptions(labelSelector: labels)).items) ?? []
    }

    func delete(_ apiVersion: String, _ kind: String, _ namespace: String?, _ name: String, policy: DeleteOptions.PropagationPolicy? = nil) throws {
        try store.delete(definition(apiVersion, kind), namespace: namespace, name: name, options: DeleteOptions(propagationPolicy: policy))
    }

    func modify(_ apiVersion: String, _ kind: String, _ namespace: String?, _ name: String, _ change: (inout KubeObject) -> Void) throws {
        try store.modify(definition(apiVersion, kind), namespace: namespace, name: name) { (object: inout KubeObject) throws(KubeAPIError) in
            change(&object)
        }
    }

    func createNamespace(_ name: String) throws {
        try create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes: waiting for the
/// controllers to converge, not measuring them.
func eventually(timeout: Duration = .seconds(20), _ condition: () throws -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if (try? condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return (try? condition()) == true
}

extension KubeObject {
    func int(_ path: String...) -> Int? { json[path: path]?.intValue }
    func string(_ path: String...) -> String? { json[path: path]?.stringValue }
    func conditionStatus(_ type: String) -> String? {
        self[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }?["status"]?.stringValue
    }
    var ready: Bool { conditionStatus("Ready") == "True" }
}

/// A pod template with one nginx container.
func podTemplate(labels: [String: String], nodeSelector: [String: String]? = nil, restartPolicy: String? = nil) -> JSONValue {
    var spec: JSONValue = ["containers": [["name": "web", "image": "nginx:1.27", "ports": [["containerPort": 80, "name": "http"]]]]]
    if let nodeSelector { spec["nodeSelector"] = .object(nodeSelector.mapValues(JSONValue.string)) }
    if let restartPolicy { spec["restartPolicy"] = .string(restartPolicy) }
    return ["metadata": ["labels": .object(labels.mapValues(JSONValue.string))], "spec": spec]
}

/// A fresh directory under the system's temporary directory.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-controllers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
