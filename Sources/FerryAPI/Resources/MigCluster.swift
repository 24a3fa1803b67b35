public import KubeCore

/// A cluster migrations read from or write to: the host cluster, or a remote one reached by
/// URL and a service-account token.
public struct MigCluster: MigrationResource {
    /// `MigCluster`.
    public static let resourceType = MigrationResourceType.migCluster

    /// The lossless object.
    public var object: KubeObject
    /// The typed spec.
    public var spec: Spec
    /// The typed status.
    public var status: Status

    /// Creates the resource from its parts.
    public init(object: KubeObject, spec: Spec, status: Status) {
        self.object = object
        self.spec = spec
        self.status = status
    }

    /// What the user asks for.
    public struct Spec: MigrationFields {
        /// Whether this is the cluster the controller runs on.
        public var isHostCluster: Bool?
        /// The API server URL of a remote cluster.
        public var url: String?
        /// The Secret holding the service-account token (key `saToken`).
        public var serviceAccountSecretRef: MigrationObjectReference?
        /// Base64 PEM bundle of the certificate authorities to trust.
        public var caBundle: String?
        /// Skip TLS verification (testing only).
        public var insecure: Bool?
        /// The externally reachable route of the cluster's internal image registry.
        public var exposedRegistryPath: String?
        /// Asks the controller to check the cluster again now.
        public var refresh: Bool?
        /// Restic timeout for indirect migrations.
        public var restartRestic: Bool?

        /// Every field unset.
        public init() {}
    }

    /// What the controller found.
    public struct Status: MigrationFields {
        /// `Ready` and the problems found.
        public var conditions: [MigrationCondition]?
        /// The registry path migrations use for this cluster.
        public var registryPath: String?
        /// The controller version that last reconciled it.
        public var operatorVersion: String?
        /// The digest of the spec last reconciled.
        public var observedDigest: String?

        /// Every field unset.
        public init() {}
    }
}
