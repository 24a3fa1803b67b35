import KubeCore

/// Identifies one object of one resource: what a controller's work queue holds.
struct ObjectKey: Sendable, Hashable, CustomStringConvertible {
    /// The object's resource.
    var resource: GroupResource
    /// The object's namespace; `nil` for cluster-scoped objects.
    var namespace: String?
    /// The object's name.
    var name: String

    /// Creates a key.
    init(_ resource: GroupResource, namespace: String?, name: String) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
    }

    /// The key of `object`, a member of `resource`.
    init(_ resource: GroupResource, object: KubeObject) {
        self.init(resource, namespace: object.namespace, name: object.name)
    }

    var description: String {
        if let namespace { return "\(resource) \(namespace)/\(name)" }
        return "\(resource) \(name)"
    }
}

/// The resources the controllers read and write.
enum Resources {
    static let namespaces = GroupResource(group: "", resource: "namespaces")
    static let nodes = GroupResource(group: "", resource: "nodes")
    static let pods = GroupResource(group: "", resource: "pods")
    static let services = GroupResource(group: "", resource: "services")
    static let endpoints = GroupResource(group: "", resource: "endpoints")
    static let configMaps = GroupResource(group: "", resource: "configmaps")
    static let serviceAccounts = GroupResource(group: "", resource: "serviceaccounts")
    static let persistentVolumes = GroupResource(group: "", resource: "persistentvolumes")
    static let persistentVolumeClaims = GroupResource(group: "", resource: "persistentvolumeclaims")
    static let replicationControllers = GroupResource(group: "", resource: "replicationcontrollers")
    static let deployments = GroupResource(group: "apps", resource: "deployments")
    static let replicaSets = GroupResource(group: "apps", resource: "replicasets")
    static let statefulSets = GroupResource(group: "apps", resource: "statefulsets")
    static let daemonSets = GroupResource(group: "apps", resource: "daemonsets")
    static let controllerRevisions = GroupResource(group: "apps", resource: "controllerrevisions")
    static let jobs = GroupResource(group: "batch", resource: "jobs")
    static let cronJobs = GroupResource(group: "batch", resource: "cronjobs")
    static let endpointSlices = GroupResource(group: "discovery.k8s.io", resource: "endpointslices")
    static let storageClasses = GroupResource(group: "storage.k8s.io", resource: "storageclasses")
    static let horizontalPodAutoscalers = GroupResource(group: "autoscaling", resource: "horizontalpodautoscalers")
    static let routes = GroupResource(group: "route.openshift.io", resource: "routes")
    static let deploymentConfigs = GroupResource(group: "apps.openshift.io", resource: "deploymentconfigs")
}
