import FerryAPI
import FerryDirectVolume
import FerryEngine
import KubeClient
import KubeCore
import Logging

/// One measurement of a plan's source namespaces for a MigAnalytic.
struct MigAnalyticMeasurement {
    /// The status' `analytics`.
    var analytics = MigAnalytic.Analytics()
    /// Proposed capacity by source claim `namespace/name`.
    var proposals: [String: String] = [:]
    /// The volumes whose usage could not be measured, each with why.
    var unreachable: [String] = []

    static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let volumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")

    /// Measures what `spec` asks for in the source namespaces of `plan`.
    static func measure(plan: MigPlan, spec: MigAnalytic.Spec, source: KubeClient, logger: Logger) async throws -> MigAnalyticMeasurement {
        var measurement = MigAnalyticMeasurement()
        measurement.analytics.plan = plan.name
        var totals = (resources: 0, images: Set<String>(), volumes: 0, capacity: Int64(0))
        let resolver = LocalVolumePathResolver()
        let volumesByName = Dictionary(
            try await source.listAll(volumes).items.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for namespace in plan.sourceNamespaces {
            var entry = MigAnalytic.Namespace(namespace: namespace)
            if spec.analyzeK8SResources == true {
                let survey = try await ResourceCollector(client: source, logger: logger).survey(CollectionScope(namespaces: [namespace]))
                entry.k8sResources = survey.counts.sorted { $0.key < $1.key }.map { ["kind": .string($0.key), "count": .int(Int64($0.value))] }
                entry.k8sResourceTotal = survey.total
                totals.resources += survey.total
            }
            if spec.analyzeImageCount == true || spec.listImages == true {
                let images = Set(try await source.listAll(pods, namespace: namespace).items.flatMap(Self.images(of:)))
                entry.imageCount = images.count
                totals.images.formUnion(images)
            }
            if spec.analyzePVCapacity == true || spec.analyzeExtendedPVCapacity == true {
                let bound = try await source.listAll(claims, namespace: namespace).items
                    .filter { $0[path: "spec", "volumeName"]?.stringValue?.isEmpty == false }
                    .sorted { $0.name < $1.name }
                var capacity: Int64 = 0
                var volumeEntries: [MigAnalytic.Volume] = []
                for claim in bound {
                    let requested = StorageCapacity(parsing: claim[path: "spec", "resources", "requests", "storage"]?.stringValue)
                    capacity += requested?.bytes ?? 0
                    var volume = MigAnalytic.Volume(name: claim.name)
                    volume.requestedCapacity = requested?.formatted
                    if spec.analyzeExtendedPVCapacity == true {
                        let persistentVolume = volumesByName[claim[path: "spec", "volumeName"]?.stringValue ?? ""]
                        switch persistentVolume.map(resolver.locate) ?? .unreachable("its PersistentVolume does not exist") {
                        case .directory(let path):
                            do {
                                let usage = try VolumeUsage.measure(directory: path)
                                let provisioned = StorageCapacity(parsing: persistentVolume?[path: "spec", "capacity", "storage"]?.stringValue)
                                let proposal = ProposedCapacity(requested: requested, provisioned: provisioned, used: StorageCapacity(bytes: usage.allocatedBytes))
                                volume.actualCapacity = StorageCapacity(bytes: usage.allocatedBytes).formatted
                                volume.proposedCapacity = proposal.capacity.formatted
                                volume.sparseFilesFound = usage.hasSparseFiles
                                volume.comment = proposal.reason.rawValue + (usage.hasSparseFiles
                                    ? " \(usage.sparseFiles) sparse file(s): \(StorageCapacity(bytes: usage.apparentBytes).formatted) apparent, copied with --sparse." : "")
                                measurement.proposals["\(namespace)/\(claim.name)"] = proposal.capacity.formatted
                            } catch {
                                measurement.unreachable.append("\(namespace)/\(claim.name): \(error)")
                            }
                        case .unreachable(let why):
                            measurement.unreachable.append("\(namespace)/\(claim.name): \(why)")
                            volume.comment = "Usage could not be measured: \(why)"
                        }
                    }
                    volumeEntries.append(volume)
                }
                entry.pvCount = bound.count
                entry.pvCapacity = StorageCapacity(bytes: capacity).formatted
                entry.persistentVolumes = volumeEntries.isEmpty ? nil : volumeEntries
                totals.volumes += bound.count
                totals.capacity += capacity
            }
            measurement.analytics.namespaces = (measurement.analytics.namespaces ?? []) + [entry]
        }
        if spec.analyzeK8SResources == true { measurement.analytics.k8sResourceTotal = totals.resources }
        if spec.analyzeImageCount == true || spec.listImages == true { measurement.analytics.imageCount = totals.images.count }
        if spec.analyzePVCapacity == true || spec.analyzeExtendedPVCapacity == true {
            measurement.analytics.pvCount = totals.volumes
            measurement.analytics.pvCapacity = StorageCapacity(bytes: totals.capacity).formatted
        }
        measurement.analytics.percentComplete = 100
        return measurement
    }

    /// The images a pod's containers and init containers run.
    static func images(of pod: KubeObject) -> [String] {
        ["containers", "initContainers"].flatMap { field in
            (pod[path: "spec", field]?.arrayValue ?? []).compactMap { $0["image"]?.stringValue }
        }
    }
}
