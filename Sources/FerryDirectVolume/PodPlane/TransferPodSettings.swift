/// How the pod data plane runs its transfer pods: how the destination is reached, which image
/// runs, and the pods' security context and resources (MTC's DVM settings).
public struct TransferPodSettings: Sendable, Hashable {
    /// How the source's client pods reach the destination's transfer pod.
    public enum Endpoint: String, Sendable, Hashable, CaseIterable {
        /// An OpenShift Route with passthrough TLS (MTC's default); needs `route.openshift.io`.
        case route
        /// A ClusterIP Service: only reachable when source and destination are the same cluster.
        case clusterIP
        /// A NodePort Service reached on a destination node's address.
        case nodePort
        /// A LoadBalancer Service reached on its load balancer's address.
        case loadBalancer
        /// An Ingress with SSL passthrough (`ingressClass`, `ingressHost`).
        case ingress
    }

    /// CPU and memory requests and limits of one side's containers, as Kubernetes quantities.
    public struct Resources: Sendable, Hashable {
        /// CPU request (`100m`).
        public var cpuRequest: String?
        /// CPU limit.
        public var cpuLimit: String?
        /// Memory request (`256Mi`).
        public var memoryRequest: String?
        /// Memory limit.
        public var memoryLimit: String?

        /// Creates resources; nil leaves a value to the cluster's defaults.
        public init(cpuRequest: String? = nil, cpuLimit: String? = nil, memoryRequest: String? = nil, memoryLimit: String? = nil) {
            self.cpuRequest = cpuRequest
            self.cpuLimit = cpuLimit
            self.memoryRequest = memoryRequest
            self.memoryLimit = memoryLimit
        }

        /// MTC's defaults for transfer containers: 100m/256Mi requested, 1 CPU/1Gi at most.
        public static let transferDefaults = Resources(cpuRequest: "100m", cpuLimit: "1", memoryRequest: "256Mi", memoryLimit: "1Gi")
    }

    /// How the destination is exposed to the source's client pods.
    public var endpoint: Endpoint
    /// The image with rsync and stunnel both transfer pods run.
    public var transferImage: String
    /// The Ingress class (`spec.ingressClassName`) when `endpoint` is `.ingress`.
    public var ingressClass: String?
    /// The host name of the Ingress; required when `endpoint` is `.ingress`.
    public var ingressHost: String?
    /// Run the transfer containers as root (nil leaves it to the image and the cluster's policy).
    public var runAsRoot: Bool?
    /// The user id the transfer containers run as.
    public var runAsUser: Int?
    /// The group id the transfer containers run as.
    public var runAsGroup: Int?
    /// Supplemental groups of the source's client pods (`SOURCE_SUPPLEMENTAL_GROUPS`), e.g. to read NFS volumes.
    public var sourceSupplementalGroups: [Int]
    /// Supplemental groups of the destination's transfer pod (`TARGET_SUPPLEMENTAL_GROUPS`).
    public var targetSupplementalGroups: [Int]
    /// Requests and limits of the source's client containers.
    public var sourceResources: Resources
    /// Requests and limits of the destination's transfer containers.
    public var targetResources: Resources
    /// How long a transfer pod may stay Pending before the transfer fails with the scheduling reason.
    public var pendingTimeout: Duration

    /// MTC's transfer image.
    public static let defaultTransferImage = "quay.io/konveyor/rsync-transfer:latest"

    /// Creates settings; the defaults are MTC's.
    public init(
        endpoint: Endpoint = .route, transferImage: String = TransferPodSettings.defaultTransferImage,
        ingressClass: String? = nil, ingressHost: String? = nil,
        runAsRoot: Bool? = nil, runAsUser: Int? = nil, runAsGroup: Int? = nil,
        sourceSupplementalGroups: [Int] = [], targetSupplementalGroups: [Int] = [],
        sourceResources: Resources = .transferDefaults, targetResources: Resources = .transferDefaults,
        pendingTimeout: Duration = .seconds(300)
    ) {
        self.endpoint = endpoint
        self.transferImage = transferImage
        self.ingressClass = ingressClass
        self.ingressHost = ingressHost
        self.runAsRoot = runAsRoot
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.sourceSupplementalGroups = sourceSupplementalGroups
        self.targetSupplementalGroups = targetSupplementalGroups
        self.sourceResources = sourceResources
        self.targetResources = targetResources
        self.pendingTimeout = pendingTimeout
    }
}
