import FerryAPI
import FerryConsole
import FerryController
import Foundation
import KubeClient
import KubeCore
import KubeSim
import ServiceLifecycle

/// What the browser test drives: a source cluster with an application, a host cluster with
/// the Migration API, the Ferry controller and the console, all in this process.
struct BrowserWorld {
    let source: KubeSimCluster
    let host: KubeSimCluster
    let console: ConsoleServer
    let consoleURL: String
    let restrictedToken: String

    static let applicationNamespace = "shop"
    static let restrictedNamespace = MigrationAPI.defaultNamespace

    /// Runs `body` with the clusters, controller and console serving; stops them afterwards.
    static func run(_ body: (BrowserWorld) async throws -> Void) async throws {
        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "source"), logger: quietLogger) { source in
            try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "host"), logger: quietLogger) { host in
                let hostAdmin = try KubeClient(configuration: adminConfiguration(host), logger: quietLogger)
                let sourceAdmin = try KubeClient(configuration: adminConfiguration(source), logger: quietLogger)
                do {
                    try await installMigrationAPI(hostAdmin)
                    try await createHostCluster(hostAdmin)
                    try await createApplication(on: sourceAdmin)
                    let restrictedToken = try await createRestrictedUser(on: hostAdmin)
                    let console = try ConsoleServer(configuration: ConsoleConfiguration(hostCluster: adminConfiguration(host), port: 0), logger: quietLogger)
                    let controller = FerryControllerService(
                        configuration: adminConfiguration(host),
                        settings: ControllerSettings(clusterRecheckInterval: .seconds(2), planRecheckInterval: .seconds(2)), logger: quietLogger)
                    let services = ServiceGroup(configuration: ServiceGroupConfiguration(
                        services: [.init(service: console), .init(service: controller)], logger: quietLogger))
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await services.run() }
                        do {
                            let port = try await console.waitUntilServing()
                            try await body(BrowserWorld(
                                source: source, host: host, console: console, consoleURL: "https://127.0.0.1:\(port)", restrictedToken: restrictedToken))
                        } catch {
                            await services.triggerGracefulShutdown()
                            throw error
                        }
                        await services.triggerGracefulShutdown()
                        try await group.waitForAll()
                    }
                } catch {
                    try? await hostAdmin.shutdown()
                    try? await sourceAdmin.shutdown()
                    throw error
                }
                try await hostAdmin.shutdown()
                try await sourceAdmin.shutdown()
            }
        }
    }

    /// The host MigCluster, as the operator would create it.
    private static func createHostCluster(_ client: KubeClient) async throws {
        var spec = MigCluster.Spec()
        spec.isHostCluster = true
        let cluster = MigCluster(name: "host", namespace: MigrationAPI.defaultNamespace, spec: spec)
        _ = try await client.create(MigCluster.resourceType.resource, cluster.encoded(), namespace: MigrationAPI.defaultNamespace)
    }

    /// A namespace with a config map, a pod and a bound claim (its volume exists up front:
    /// the simulator provisions only with a state directory).
    private static func createApplication(on client: KubeClient) async throws {
        let namespace = applicationNamespace
        let core = { (resource: String) in GroupVersionResource(group: "", version: "v1", resource: resource) }
        _ = try await client.create(core("namespaces"), KubeObject(apiVersion: "v1", kind: "Namespace", name: namespace))
        var config = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: namespace)
        config["data"] = ["greeting": "hello"]
        _ = try await client.create(core("configmaps"), config, namespace: namespace)
        var volume = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: "pv-\(namespace)-data")
        volume["spec"] = [
            "capacity": ["storage": "1Gi"], "accessModes": ["ReadWriteOnce"], "storageClassName": "standard",
            "hostPath": .object(["path": .string(FileManager.default.temporaryDirectory.appendingPathComponent("ferry-browser-\(UUID().uuidString)").path)]),
            "persistentVolumeReclaimPolicy": "Retain", "claimRef": .object(["namespace": .string(namespace), "name": "data"]),
        ]
        _ = try await client.create(core("persistentvolumes"), volume)
        var claim = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: namespace)
        claim["spec"] = ["accessModes": ["ReadWriteOnce"], "storageClassName": "standard", "resources": ["requests": ["storage": "1Gi"]]]
        _ = try await client.create(core("persistentvolumeclaims"), claim, namespace: namespace)
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: "app", namespace: namespace)
        pod["spec"] = [
            "containers": [["name": "app", "image": "busybox"]],
            "volumes": [["name": "data", "persistentVolumeClaim": ["claimName": "data"]]],
        ]
        _ = try await client.create(core("pods"), pod, namespace: namespace)
        for _ in 0..<200 {
            let claim = try await client.get(core("persistentvolumeclaims"), name: "data", namespace: namespace)
            if claim[path: "spec", "volumeName"]?.stringValue?.isEmpty == false { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ConsoleTestError("claim \(namespace)/data was not bound")
    }

    /// A service account of the migration namespace whose Role lets it read clusters, plans
    /// and migrations and list pods there, and nothing else; returns its token.
    private static func createRestrictedUser(on client: KubeClient) async throws -> String {
        let namespace = restrictedNamespace, name = "viewer"
        let rbac = { (resource: String) in GroupVersionResource(group: "rbac.authorization.k8s.io", version: "v1", resource: resource) }
        _ = try await client.create(GroupVersionResource(group: "", version: "v1", resource: "serviceaccounts"), KubeObject(apiVersion: "v1", kind: "ServiceAccount", name: name, namespace: namespace), namespace: namespace)
        var role = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", name: name, namespace: namespace)
        role["rules"] = [
            ["apiGroups": ["migration.openshift.io"], "resources": ["migclusters", "migplans", "migmigrations"], "verbs": ["get", "list", "watch"]],
            ["apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]],
        ]
        _ = try await client.create(rbac("roles"), role, namespace: namespace)
        var binding = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", name: name, namespace: namespace)
        binding["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(name)]
        binding["subjects"] = [["kind": "ServiceAccount", "name": .string(name), "namespace": .string(namespace)]]
        _ = try await client.create(rbac("rolebindings"), binding, namespace: namespace)
        let request: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": .object([:])]
        let answer = try await client.send(APIRequest(
            method: "POST", path: "/api/v1/namespaces/\(namespace)/serviceaccounts/\(name)/token",
            body: Array(request.serializedString(pretty: false).utf8), contentType: "application/json"))
        guard let token = answer["status"]?["token"]?.stringValue else { throw ConsoleTestError("TokenRequest returned no token: \(answer)") }
        return token
    }
}
