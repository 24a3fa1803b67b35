public import KubeClient
public import KubeCore
public import Logging

/// The workloads whose pod templates mount given claims: found, quiesced, and pointed at
/// other claims (MTC's `SwapPVCReferences`).
///
/// Kinds: Deployments, DeploymentConfigs, StatefulSets (their `volumes`; claims made from
/// `volumeClaimTemplates` belong to the set and are not swapped), ReplicaSets and
/// ReplicationControllers without an owner, DaemonSets, Jobs not run by a CronJob, CronJobs.
public struct ClaimWorkloads: Sendable {
    /// A kind whose pod template may mount claims.
    public struct Kind: Sendable, Hashable {
        /// The kind's group, version and name.
        public var groupVersionKind: GroupVersionKind
        /// Where its pod spec is.
        public var podSpecPath: [String]
        /// The owner kind that manages objects of this kind when it owns them.
        public var managedBy: String?
    }

    /// Every kind handled, in the order MTC swaps them.
    public static let kinds: [Kind] = [
        Kind(groupVersionKind: GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"), podSpecPath: ["spec", "template", "spec"]),
        Kind(groupVersionKind: GroupVersionKind(group: "apps.openshift.io", version: "v1", kind: "DeploymentConfig"), podSpecPath: ["spec", "template", "spec"]),
        Kind(groupVersionKind: GroupVersionKind(group: "apps", version: "v1", kind: "StatefulSet"), podSpecPath: ["spec", "template", "spec"]),
        Kind(groupVersionKind: GroupVersionKind(group: "apps", version: "v1", kind: "ReplicaSet"), podSpecPath: ["spec", "template", "spec"], managedBy: "Deployment"),
        Kind(groupVersionKind: GroupVersionKind(group: "", version: "v1", kind: "ReplicationController"), podSpecPath: ["spec", "template", "spec"], managedBy: "DeploymentConfig"),
        Kind(groupVersionKind: GroupVersionKind(group: "apps", version: "v1", kind: "DaemonSet"), podSpecPath: ["spec", "template", "spec"]),
        Kind(groupVersionKind: GroupVersionKind(group: "batch", version: "v1", kind: "Job"), podSpecPath: ["spec", "template", "spec"], managedBy: "CronJob"),
        Kind(groupVersionKind: GroupVersionKind(group: "batch", version: "v1", kind: "CronJob"), podSpecPath: ["spec", "jobTemplate", "spec", "template", "spec"]),
    ]

    /// One workload found.
    public struct Workload: Sendable {
        /// Its kind.
        public var kind: Kind
        /// The resource it is read and written through.
        public var resource: GroupVersionResource
        /// The object as read.
        public var object: KubeObject

        /// `Kind namespace/name`.
        public var description: String { "\(kind.groupVersionKind.kind) \(object.qualifiedName)" }
    }

    /// The client of the cluster holding the workloads.
    public let client: KubeClient
    /// Where progress is logged.
    public let logger: Logger

    /// Creates the helper for one cluster.
    public init(client: KubeClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The claim names a pod template of `object` mounts.
    public static func claimNames(of object: KubeObject, podSpecPath: [String]) -> [String] {
        (object.json[path: podSpecPath + ["volumes"]]?.arrayValue ?? []).compactMap {
            $0[path: ["persistentVolumeClaim", "claimName"]]?.stringValue
        }
    }

    /// `object` with every mounted claim named in `mapping` renamed; `nil` when none is.
    public static func renamingClaims(_ object: KubeObject, mapping: [String: String], podSpecPath: [String]) -> KubeObject? {
        let volumesPath = podSpecPath + ["volumes"]
        var document = object.json
        guard case .array(var volumes)? = document[path: volumesPath] else { return nil }
        var changed = false
        for index in volumes.indices {
            guard let claim = volumes[index][path: ["persistentVolumeClaim", "claimName"]]?.stringValue, let target = mapping[claim] else { continue }
            volumes[index][path: ["persistentVolumeClaim", "claimName"]] = .string(target)
            changed = true
        }
        guard changed else { return nil }
        document[path: volumesPath] = .array(volumes)
        return try? KubeObject(json: document)
    }

    /// The workloads in `namespace` whose pod templates mount one of `claims`, leaving out
    /// those an owner manages (a Deployment's ReplicaSets, a CronJob's Jobs).
    public func using(_ claims: Set<String>, in namespace: String) async throws -> [Workload] {
        guard !claims.isEmpty else { return [] }
        let mapper = try await client.resourceMapper()
        var found: [Workload] = []
        for kind in Self.kinds {
            guard let resource = mapper.resource(for: kind.groupVersionKind)?.groupVersionResource else { continue }
            for object in try await client.listAll(resource, namespace: namespace).items {
                if let owner = kind.managedBy, object.ownerReferences.contains(where: { $0.kind == owner }) { continue }
                guard Self.claimNames(of: object, podSpecPath: kind.podSpecPath).contains(where: claims.contains) else { continue }
                found.append(Workload(kind: kind, resource: resource, object: object))
            }
        }
        return found
    }

    /// The pods in the namespaces that mount one of the claims and have not finished.
    public func podsMounting(_ claims: [String: Set<String>]) async throws -> [KubeObject] {
        let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
        var mounting: [KubeObject] = []
        for (namespace, names) in claims.sorted(by: { $0.key < $1.key }) where !names.isEmpty {
            for pod in try await client.listAll(pods, namespace: namespace).items {
                let phase = pod[path: "status", "phase"]?.stringValue
                guard phase != "Succeeded", phase != "Failed" else { continue }
                if Self.claimNames(of: pod, podSpecPath: ["spec"]).contains(where: names.contains) { mounting.append(pod) }
            }
        }
        return mounting
    }

    /// Quiesces (as ``QuiesceAnnotations`` describes) the workloads mounting the claims.
    ///
    /// - Returns: one line per workload changed.
    public func quiesce(using claims: [String: Set<String>]) async throws -> [String] {
        var lines: [String] = []
        for (namespace, names) in claims.sorted(by: { $0.key < $1.key }) {
            for workload in try await using(names, in: namespace) {
                if let summary = try await update(workload, { QuiesceAnnotations.quiescing($0) }) {
                    lines.append("\(workload.description): \(summary)")
                }
            }
        }
        logger.info("quiesced the workloads using the claims", metadata: ["changes": "\(lines.count)"])
        return lines
    }

    /// Writes `edit`'s result for `workload`, reading it again after a conflict; the
    /// summary, or `nil` when there was nothing to change or the object is gone.
    func update(_ workload: Workload, _ edit: (KubeObject) throws -> (object: KubeObject, summary: String)?) async throws -> String? {
        var current = workload.object
        for attempt in 0..<6 {
            guard let (edited, summary) = try edit(current) else { return nil }
            do {
                _ = try await client.update(workload.resource, edited, namespace: current.namespace)
                return summary
            } catch let error as KubeAPIError where error.isConflict && attempt < 5 {
                logger.debug("\(workload.description) changed while being edited; reading it again")
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            }
            do {
                current = try await client.get(workload.resource, name: current.name, namespace: current.namespace)
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            }
        }
        return nil
    }
}
