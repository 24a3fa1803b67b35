import FerryAPI
import KubeClient
import KubeCore

/// The persistent volumes the wizard offers before the plan exists: the bound claims of
/// the chosen namespaces on the source cluster, and the target cluster's storage classes,
/// read with the same connections the backend uses for namespaces.
struct WizardVolumes: Sendable {
    struct Found: Sendable {
        var volumeName: String
        var claimNamespace: String
        var claimName: String
        var capacity: String?
        var storageClass: String?
        var accessModes: [String]
    }

    var volumes: [Found]
    var targetStorageClasses: [String]
    /// Why volumes could not be listed, if they could not.
    var problem: String?

    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let storageClasses = GroupVersionResource(group: "storage.k8s.io", version: "v1", resource: "storageclasses")

    init(volumes: [Found], targetStorageClasses: [String], problem: String?) {
        self.volumes = volumes
        self.targetStorageClasses = targetStorageClasses
        self.problem = problem
    }

    /// The volumes of an existing plan, as the controller found them.
    init(plan: PlanView) {
        volumes = plan.persistentVolumes.map { volume in
            Found(
                volumeName: volume.name, claimNamespace: volume.pvc?.namespace ?? "", claimName: volume.pvc?.sourceName ?? "",
                capacity: volume.capacity, storageClass: volume.storageClass, accessModes: volume.pvc?.accessModes ?? [])
        }
        targetStorageClasses = plan.destinationStorageClasses.map(\.name)
        problem = nil
    }

    /// Lists the bound claims of `draft`'s namespaces on its source cluster and the storage
    /// classes of its target; failures become `problem` rather than an error page.
    static func discover(_ draft: PlanDraft, backend: ConsoleBackend, user: ConsoleUser) async -> WizardVolumes {
        var result = WizardVolumes(volumes: [], targetStorageClasses: [], problem: nil)
        do {
            try await withClient(of: draft.sourceCluster, backend: backend, user: user) { client in
                for namespace in draft.namespaces {
                    for claim in try await client.listAll(Self.claims, namespace: namespace.source).items {
                        guard let volume = claim[path: "spec", "volumeName"]?.stringValue, !volume.isEmpty else { continue }
                        result.volumes.append(Found(
                            volumeName: volume, claimNamespace: namespace.source, claimName: claim.name,
                            capacity: claim[path: "status", "capacity", "storage"]?.stringValue,
                            storageClass: claim[path: "spec", "storageClassName"]?.stringValue,
                            accessModes: claim[path: "spec", "accessModes"]?.arrayValue?.compactMap(\.stringValue) ?? []))
                    }
                }
            }
        } catch {
            result.problem = "The volumes of the chosen namespaces could not be listed (\(ConsoleAPIError(error).message)); the controller finds them once the plan exists, and you can choose their actions by editing the plan."
        }
        do {
            try await withClient(of: draft.destinationCluster, backend: backend, user: user) { client in
                result.targetStorageClasses = try await client.listAll(Self.storageClasses).items.map(\.name).sorted()
            }
        } catch {
            // Without the list the user keeps the source's class; the controller validates.
        }
        return result
    }

    private static func withClient(of clusterName: String, backend: ConsoleBackend, user: ConsoleUser, _ body: (KubeClient) async throws -> Void) async throws {
        let cluster = try await backend.cluster(clusterName, user: user)
        if cluster.spec.isHostCluster == true {
            try await body(user.client)
            return
        }
        let client = try KubeClient(configuration: try await backend.remoteConfiguration(cluster, user: user), logger: backend.logger)
        do {
            try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
