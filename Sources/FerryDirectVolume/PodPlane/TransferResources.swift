import KubeClient
import KubeCore

/// The resources the pod plane reads and writes, and the small idioms it uses on them.
enum TransferResources {
    static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
    static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    static let services = GroupVersionResource(group: "", version: "v1", resource: "services")
    static let nodes = GroupVersionResource(group: "", version: "v1", resource: "nodes")
    static let events = GroupVersionResource(group: "", version: "v1", resource: "events")
    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let routes = GroupVersionResource(group: "route.openshift.io", version: "v1", resource: "routes")
    static let ingresses = GroupVersionResource(group: "networking.k8s.io", version: "v1", resource: "ingresses")

    /// What the pod plane creates, in the order ``PodPlaneTransfer/cleanUp(migrationUID:source:destination:)`` deletes it.
    static let created = [pods, routes, ingresses, services, configMaps, secrets]

    /// The object named like `object`, created when it does not exist yet.
    static func ensure(_ object: KubeObject, _ resource: GroupVersionResource, on client: KubeClient) async throws -> (object: KubeObject, created: Bool) {
        // Reading first keeps a steady-state reconcile to one GET per object.
        if let existing = try await find(resource, name: object.name, namespace: object.namespace ?? "", on: client) {
            return (existing, false)
        }
        do {
            return (try await client.create(resource, object), true)
        } catch let error as KubeAPIError where error.isAlreadyExists {
            return (try await client.get(resource, name: object.name, namespace: object.namespace), false)
        }
    }

    /// The object, or nil when it does not exist.
    static func find(_ resource: GroupVersionResource, name: String, namespace: String, on client: KubeClient) async throws -> KubeObject? {
        do {
            return try await client.get(resource, name: name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    /// Deletes the object; one that is already gone is fine.
    static func remove(_ resource: GroupVersionResource, name: String, namespace: String?, on client: KubeClient) async throws {
        do {
            try await client.delete(resource, name: name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return
        }
    }

    /// Whether the cluster serves `resource`.
    static func serves(_ resource: GroupVersionResource, on client: KubeClient) async throws -> Bool {
        try await client.resourceMapper().resource(for: resource) != nil
    }
}
