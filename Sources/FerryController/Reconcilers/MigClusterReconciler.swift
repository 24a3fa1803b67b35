import FerryAPI
public import KubeClient
import KubeCore
public import Logging

/// Keeps a MigCluster's `Ready` condition true to whether Ferry can use the cluster.
///
/// A failure sets a Critical condition of MTC's type (`InvalidURL`, `InvalidSaSecretRef`,
/// `InvalidSaToken`, `TestConnectFailed`, `SaTokenNotPrivileged`, `InvalidCABundle`) and
/// `Ready` False with the same reason and message; the cluster is checked again every
/// `recheckInterval`, since reachability changes without any watch event.
public struct MigClusterReconciler: Reconciler {
    static let managedTypes: Set<String> = [
        "Ready", "InvalidURL", "InvalidSaSecretRef", "InvalidSaToken", "InvalidCABundle", "TestConnectFailed", "SaTokenNotPrivileged",
    ]

    private let client: KubeClient
    private let connector: ClusterConnector
    private let recheckInterval: Duration
    private let logger: Logger

    /// Creates the reconciler; `client` reaches the host cluster holding the MigClusters.
    public init(client: KubeClient, connector: ClusterConnector, recheckInterval: Duration = .seconds(60), logger: Logger) {
        self.client = client
        self.connector = connector
        self.recheckInterval = recheckInterval
        self.logger = logger
    }

    /// Validates and probes one MigCluster and records the outcome in its status.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let namespace = key.namespace ?? MigrationAPI.defaultNamespace
        let object: KubeObject
        do {
            object = try await client.get(MigCluster.resourceType.resource, name: key.name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            connector.forget(namespace: namespace, name: key.name)
            return .done
        }
        var cluster = try MigCluster(object: object)
        if cluster.spec.refresh == true {
            // Every pass re-checks; `refresh: true` (set by consoles to ask for one) is done now.
            cluster.spec.refresh = false
            cluster = try MigCluster(object: try await client.update(MigCluster.resourceType.resource, cluster.encoded(), namespace: namespace))
        }
        let failure = await check(cluster)

        var conditions = cluster.status.conditions ?? []
        conditions.removeAll { Self.managedTypes.contains($0.type) && $0.type != "Ready" && $0.type != failure?.code.conditionType }
        if let failure {
            conditions.set(MigrationCondition(type: failure.code.conditionType, status: true, reason: failure.code.reason, category: MigrationCondition.Category.critical, message: failure.message))
            conditions.set(MigrationCondition(type: "Ready", status: false, reason: failure.code.reason, category: MigrationCondition.Category.critical, message: failure.message))
        } else {
            conditions.set(MigrationCondition(type: "Ready", status: true, reason: "Ready", category: MigrationCondition.Category.required, message: "The cluster is ready."))
        }
        // As in MTC, registryPath is the registry's in-cluster name (what the cluster's pods
        // pull by); the last one known is kept while the cluster cannot be reached.
        let registryPath = failure == nil ? await internalRegistryPath(of: cluster) : cluster.status.registryPath
        let status = cluster.status
        cluster.status.conditions = conditions
        cluster.status.registryPath = registryPath
        if cluster.status != status {
            _ = try await client.updateStatus(MigCluster.resourceType.resource, cluster.encoded(), namespace: namespace)
            logger.debug("MigCluster status written", metadata: ["migcluster": "\(key)", "ready": "\(failure == nil)"])
        }
        return .requeue(after: recheckInterval)
    }

    private func internalRegistryPath(of cluster: MigCluster) async -> String? {
        guard let remote = try? await connector.client(for: cluster) else { return cluster.status.registryPath }
        return await InternalRegistryDiscovery(client: remote, logger: logger).hostname()
    }

    private func check(_ cluster: MigCluster) async -> ClusterConnectionError? {
        do {
            let remote = try await connector.client(for: cluster)
            try await connector.probe(remote, clusterName: "MigCluster \(cluster.namespace)/\(cluster.name)")
            return nil
        } catch let error as ClusterConnectionError {
            return error
        } catch {
            return ClusterConnectionError(.connectFailed, "MigCluster \(cluster.namespace)/\(cluster.name): \(error)")
        }
    }
}
