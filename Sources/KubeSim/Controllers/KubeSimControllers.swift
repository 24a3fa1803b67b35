public import KubeSimStorage
public import ServiceLifecycle

/// The controllers that make a simulated cluster behave like a real one, and the objects
/// every cluster starts with.
public enum KubeSimControllers {
    /// Every controller of a cluster, each a `Service` to run in the cluster's `ServiceGroup`.
    public static func makeAll(context: ControllerContext, settings: ClusterSettings) -> [any Service] {
        let reconcilers: [any Reconciler] = [
            NamespaceController(context: context, settings: settings),
            GarbageCollector(context: context),
            PodController(context: context, settings: settings),
            ReplicaSetController.replicaSets(context: context),
            ReplicaSetController.replicationControllers(context: context),
            DeploymentController(context: context),
            StatefulSetController(context: context),
            DaemonSetController(context: context),
            JobController(context: context),
            CronJobController(context: context),
            DeploymentConfigController(context: context),
            EndpointsController(context: context),
            LoadBalancerController(context: context, settings: settings),
            PersistentVolumeController(context: context, settings: settings),
            RouteController(context: context, settings: settings),
            HorizontalPodAutoscalerController(context: context),
        ]
        return reconcilers.map { ControllerService($0, context: context, resyncInterval: settings.resyncInterval) }
    }

    /// Installs what the store itself must do for the controllers (Service IP and node port
    /// allocation on create) and creates the objects every cluster has: system namespaces,
    /// nodes, the default StorageClass, the `kubernetes` Service and the default RBAC roles.
    ///
    /// Idempotent over the objects; call it once per store at every start.
    public static func bootstrap(store: ObjectStore, settings: ClusterSettings) throws {
        store.addStrategy(ServiceAllocationStrategy(settings: settings), for: Resources.services)
        try ClusterBootstrap(store: store, settings: settings).run()
    }
}
