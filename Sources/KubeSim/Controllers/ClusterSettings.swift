/// What makes one simulated cluster distinct: its name, nodes, address ranges and where
/// provisioned volumes live.
public struct ClusterSettings: Sendable, Hashable {
    /// The cluster's name; nodes and route hosts derive from it.
    public var clusterName: String
    /// Where provisioned volumes are created (`<stateDirectory>/volumes/<pv>`); `nil`
    /// provisions nothing.
    public var stateDirectory: String?
    /// The names of the simulated nodes.
    public var nodeNames: [String]
    /// The first two octets of service cluster IPs (`10.96` gives `10.96.x.y`).
    public var serviceNetworkPrefix: String
    /// The first two octets of pod IPs (`10.244` gives `10.244.x.y`).
    public var podNetworkPrefix: String
    /// The first three octets of load balancer ingress IPs (`172.18.255` gives `172.18.255.x`).
    public var loadBalancerNetworkPrefix: String
    /// The node ports services may get.
    public var nodePortRange: ClosedRange<Int>
    /// The domain generated route hosts end with.
    public var routeHostSuffix: String
    /// The cluster CA certificate (PEM) published in every namespace's `kube-root-ca.crt`.
    public var caCertificatePEM: String
    /// How often every controller reconciles all its objects again.
    public var resyncInterval: Duration
    /// How long a job's pods "run" before they succeed.
    public var jobPodRunTime: Duration

    /// Creates settings; unspecified values are those of a small kind-like cluster.
    public init(
        clusterName: String, stateDirectory: String? = nil, nodeNames: [String]? = nil,
        serviceNetworkPrefix: String = "10.96", podNetworkPrefix: String = "10.244",
        loadBalancerNetworkPrefix: String = "172.18.255", nodePortRange: ClosedRange<Int> = 30000...32767,
        routeHostSuffix: String? = nil, caCertificatePEM: String = "", resyncInterval: Duration = .seconds(30),
        jobPodRunTime: Duration = .seconds(1)
    ) {
        self.clusterName = clusterName
        self.stateDirectory = stateDirectory
        self.nodeNames = nodeNames ?? ["\(clusterName)-node-1", "\(clusterName)-node-2"]
        self.serviceNetworkPrefix = serviceNetworkPrefix
        self.podNetworkPrefix = podNetworkPrefix
        self.loadBalancerNetworkPrefix = loadBalancerNetworkPrefix
        self.nodePortRange = nodePortRange
        self.routeHostSuffix = routeHostSuffix ?? "apps.\(clusterName).ferry.local"
        self.caCertificatePEM = caCertificatePEM
        self.resyncInterval = resyncInterval
        self.jobPodRunTime = jobPodRunTime
    }

    /// The `kubernetes` service's cluster IP: the first address of the service network.
    public var kubernetesServiceIP: String { "\(serviceNetworkPrefix).0.1" }
}
