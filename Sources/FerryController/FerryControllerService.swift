public import FerryAPI
public import FerryDirectVolume
public import FerryEngine
public import KubeClient
import KubeCore
public import Logging
public import ServiceLifecycle

/// The Ferry controller: MigCluster, MigPlan and MigMigration reconcilers fed by watches of the
/// host cluster's migration namespace, as one `Service`.
///
/// Run it under a `ServiceGroup` (graceful shutdown stops it) or call `run()` directly. With
/// `leaderElection`, only the replica holding the Lease reconciles.
public struct FerryControllerService: Service {
    /// How the controller reaches the host cluster.
    public let configuration: ClientConfiguration
    /// The namespace holding the migration resources.
    public let namespace: String
    /// Limits and intervals.
    public let settings: ControllerSettings
    /// Settings of the migration itineraries.
    public let runnerSettings: MigrationRunnerSettings
    /// Leader election among replicas; `nil` reconciles unconditionally.
    public let leaderElection: LeaderElection?
    /// How volume data is copied (direct volume migration); `nil` creates the destination
    /// claims without copying data.
    public let directVolume: DirectVolumeSettings?
    private let logger: Logger

    /// Creates the controller.
    public init(
        configuration: ClientConfiguration, namespace: String = MigrationAPI.defaultNamespace, settings: ControllerSettings = ControllerSettings(),
        runnerSettings: MigrationRunnerSettings = MigrationRunnerSettings(), leaderElection: LeaderElection? = nil,
        directVolume: DirectVolumeSettings? = nil, logger: Logger
    ) {
        self.configuration = configuration
        self.namespace = namespace
        self.settings = settings
        self.runnerSettings = runnerSettings
        self.leaderElection = leaderElection
        self.directVolume = directVolume
        self.logger = logger
    }

    /// Reconciles until a graceful shutdown or cancellation; throws when the host cluster
    /// cannot be configured or leadership is lost. With ``directVolume``, the local data plane's
    /// transfers run in a ``VolumeTransferService`` beside the reconcilers.
    public func run() async throws {
        guard let directVolume else { return try await reconcile(dataMover: ClaimsOnlyDataMover()) }
        try await DirectVolumeRuntime.run(directVolume, logger: logger) { mover in
            try await reconcile(dataMover: mover)
        }
    }

    private func reconcile(dataMover: any VolumeDataMover) async throws {
        let client = try KubeClient(configuration: configuration, logger: logger)
        let connector = ClusterConnector(hostClient: client, logger: logger)
        do {
            let service = ControllerService(
                client: client, namespace: namespace, controllers: controllers(client: client, connector: connector, dataMover: dataMover), logger: logger)
            logger.info("Ferry controller starting", metadata: ["server": "\(configuration.server)", "namespace": "\(namespace)"])
            if let leaderElection {
                let elector = LeaderElector(client: client, settings: leaderElection, logger: logger)
                try await cancelWhenGracefulShutdown {
                    do {
                        try await elector.run { await service.runUntilCancelled() }
                    } catch is CancellationError {
                        return
                    }
                }
            } else {
                try await service.run()
            }
        } catch {
            await connector.shutdown()
            try? await client.shutdown()
            throw error
        }
        await connector.shutdown()
        try await client.shutdown()
    }

    /// The controllers (MigCluster, MigPlan, MigMigration, MigAnalytic) and the watches that
    /// connect them; `dataMover` copies volume data.
    public func controllers(client: KubeClient, connector: ClusterConnector, dataMover: any VolumeDataMover = ClaimsOnlyDataMover()) -> [Controller] {
        var runnerSettings = self.runnerSettings
        if settings.enablePVResizing { runnerSettings.resizesVolumes = true }
        let clusters = MigCluster.resourceType.resource
        let plans = MigPlan.resourceType.resource
        let migrations = MigMigration.resourceType.resource
        let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
        return [
            Controller(
                name: "migcluster", resource: clusters,
                reconciler: MigClusterReconciler(client: client, connector: connector, recheckInterval: settings.clusterRecheckInterval, logger: logger),
                workers: settings.workers,
                triggers: [Controller.Trigger(resource: secrets) { event, informers in Self.clusters(using: event.object, in: informers) }]),
            Controller(
                name: "migplan", resource: plans,
                reconciler: MigPlanReconciler(client: client, connector: connector, settings: settings, logger: logger),
                workers: settings.workers,
                triggers: [Controller.Trigger(resource: clusters) { event, informers in Self.plans(referencing: event.object, in: informers) }]),
            Controller(
                name: "migmigration", resource: migrations,
                reconciler: MigMigrationReconciler(client: client, connector: connector, runnerSettings: runnerSettings, dataMover: dataMover, logger: logger),
                workers: settings.migrationWorkers,
                triggers: [Controller.Trigger(resource: plans) { event, informers in Self.migrations(of: event.object, in: informers) }]),
            Controller(
                name: "miganalytic", resource: MigAnalytic.resourceType.resource,
                reconciler: MigAnalyticReconciler(client: client, connector: connector, logger: logger),
                workers: settings.workers),
        ]
    }

    /// MigClusters whose token Secret is `secret`.
    static func clusters(using secret: KubeObject, in informers: InformerSet) -> [ObjectKey] {
        informers.objects(MigCluster.resourceType.resource).compactMap { object in
            guard let cluster = try? MigCluster(object: object), let reference = cluster.spec.serviceAccountSecretRef,
                reference.name == secret.name, (reference.namespace ?? cluster.namespace) == secret.namespace
            else { return nil }
            return ObjectKey(object)
        }
    }

    /// MigPlans whose source or destination is `cluster`.
    static func plans(referencing cluster: KubeObject, in informers: InformerSet) -> [ObjectKey] {
        informers.objects(MigPlan.resourceType.resource).compactMap { object in
            guard let plan = try? MigPlan(object: object) else { return nil }
            let references = [plan.spec.srcMigClusterRef, plan.spec.destMigClusterRef].compactMap { $0 }
            let matches = references.contains { $0.name == cluster.name && ($0.namespace ?? plan.namespace) == cluster.namespace }
            return matches ? ObjectKey(object) : nil
        }
    }

    /// Unfinished MigMigrations of `plan`.
    static func migrations(of plan: KubeObject, in informers: InformerSet) -> [ObjectKey] {
        informers.objects(MigMigration.resourceType.resource).compactMap { object in
            guard let migration = try? MigMigration(object: object), !migration.isFinished, migration.planName == plan.name,
                (migration.spec.migPlanRef?.namespace ?? migration.namespace) == plan.namespace
            else { return nil }
            return ObjectKey(object)
        }
    }
}
