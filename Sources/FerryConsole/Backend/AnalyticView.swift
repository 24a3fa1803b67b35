public import FerryAPI
public import FerryCLI

/// A plan's MigAnalytic as the console shows it: whether it is measured, the plan's totals,
/// and each namespace and volume.
public struct AnalyticView: Codable, Sendable, Hashable {
    /// A measured namespace.
    public struct Namespace: Codable, Sendable, Hashable {
        /// The namespace.
        public var name: String
        /// All its resources, when counted.
        public var resources: Int?
        /// Its resources by kind, such as "Deployment 2, Service 1".
        public var kinds: String
        /// Distinct images its pods run, when counted.
        public var images: Int?
        /// Bound claims, when measured.
        public var volumes: Int?
        /// Their requested capacity.
        public var capacity: String?
    }

    /// A measured claim.
    public struct Volume: Codable, Sendable, Hashable {
        /// The claim's namespace.
        public var namespace: String
        /// The claim.
        public var name: String
        /// What the claim requests.
        public var requested: String?
        /// What its files take on disk, when its volume could be measured.
        public var used: String?
        /// The capacity proposed for the destination.
        public var proposed: String?
        /// Whether sparse files were found.
        public var sparseFiles: Bool
        /// Why that capacity, or why usage was not measured.
        public var comment: String?
    }

    /// The MigAnalytic's name.
    public var name: String
    /// Measured, measuring (none yet, or a refresh asked for) or failed.
    public var state: AnalyticState
    /// The problems the controller reported (a critical one means no measurement).
    public var problems: [String]
    /// Whether volume usage is measured too (`analyzeExtendedPVCapacity`).
    public var measuresUsage: Bool
    /// Every resource in the plan's namespaces, when counted.
    public var resources: Int?
    /// Distinct images, when counted.
    public var images: Int?
    /// Bound claims, when measured.
    public var volumes: Int?
    /// Their requested capacity.
    public var capacity: String?
    /// Each namespace.
    public var namespaces: [Namespace]
    /// Each claim.
    public var persistentVolumes: [Volume]

    /// The console's view of `analytic`.
    public init(_ analytic: MigAnalytic) {
        name = analytic.name
        state = AnalyticState(analytic)
        problems = AnalyticState.problems(of: analytic)
        measuresUsage = analytic.spec.analyzeExtendedPVCapacity == true
        let analytics = analytic.status.analytics
        resources = analytics?.k8sResourceTotal
        images = analytics?.imageCount
        volumes = analytics?.pvCount
        capacity = analytics?.pvCapacity
        namespaces = (analytics?.namespaces ?? []).map { entry in
            Namespace(
                name: entry.namespace, resources: entry.k8sResourceTotal, kinds: entry.kindCounts.joined(separator: ", "), images: entry.imageCount,
                volumes: entry.pvCount, capacity: entry.pvCapacity)
        }
        persistentVolumes = (analytics?.namespaces ?? []).flatMap { entry in
            (entry.persistentVolumes ?? []).map { volume in
                Volume(
                    namespace: entry.namespace, name: volume.name, requested: volume.requestedCapacity, used: volume.actualCapacity,
                    proposed: volume.proposedCapacity, sparseFiles: volume.sparseFilesFound == true, comment: volume.comment)
            }
        }
    }
}
