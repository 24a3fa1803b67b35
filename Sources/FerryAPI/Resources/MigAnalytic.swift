public import KubeCore

/// Measurements of a plan's namespaces: resources, images, volumes and their usage.
public struct MigAnalytic: MigrationResource {
    /// `MigAnalytic`.
    public static let resourceType = MigrationResourceType.migAnalytic

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

    /// What to measure.
    public struct Spec: MigrationFields {
        /// The plan.
        public var migPlanRef: MigrationObjectReference?
        /// Count resources.
        public var analyzeK8SResources: Bool?
        /// Count images.
        public var analyzeImageCount: Bool?
        /// Sum volume capacity.
        public var analyzePVCapacity: Bool?
        /// Measure volume usage and propose capacities.
        public var analyzeExtendedPVCapacity: Bool?
        /// List the images.
        public var listImages: Bool?
        /// At most this many images listed.
        public var listImagesLimit: Int?
        /// Measure again now.
        public var refresh: Bool?

        /// Every field unset.
        public init() {}
    }

    /// A measured volume.
    public struct Volume: Codable, Sendable, Hashable {
        /// The claim's name.
        public var name: String
        /// What the claim requests.
        public var requestedCapacity: String?
        /// What is used.
        public var actualCapacity: String?
        /// The capacity Ferry proposes.
        public var proposedCapacity: String?
        /// Why (usage, headroom, sparse files).
        public var comment: String?
        /// Whether files whose apparent size exceeds their allocated size were found.
        public var sparseFilesFound: Bool?

        /// Creates an entry.
        public init(name: String) { self.name = name }
    }

    /// A namespace's measurements.
    public struct Namespace: Codable, Sendable, Hashable {
        /// The namespace.
        public var namespace: String
        /// Resource counts by kind.
        public var k8sResources: [JSONValue]?
        /// All resources.
        public var k8sResourceTotal: Int?
        /// Images.
        public var imageCount: Int?
        /// Images' total size.
        public var imageSizeTotal: String?
        /// Volumes.
        public var pvCount: Int?
        /// Volumes' capacity.
        public var pvCapacity: String?
        /// Each volume.
        public var persistentVolumes: [Volume]?

        /// Creates an entry.
        public init(namespace: String) { self.namespace = namespace }
    }

    /// The plan's measurements.
    public struct Analytics: Codable, Sendable, Hashable {
        /// The plan.
        public var plan: String?
        /// How far the measurement got.
        public var percentComplete: Int?
        /// All resources.
        public var k8sResourceTotal: Int?
        /// Images.
        public var imageCount: Int?
        /// Images' total size.
        public var imageSizeTotal: String?
        /// Volumes.
        public var pvCount: Int?
        /// Volumes' capacity.
        public var pvCapacity: String?
        /// Each namespace.
        public var namespaces: [Namespace]?

        /// Creates an empty entry.
        public init() {}
    }

    /// The measurements.
    public struct Status: MigrationFields {
        /// `Ready` and problems found.
        public var conditions: [MigrationCondition]?
        /// The measurements.
        public var analytics: Analytics?

        /// Every field unset.
        public init() {}
    }
}
