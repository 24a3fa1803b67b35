public import KubeCore

/// A kind of workload that is stopped before the final copy, and how it is stopped.
public struct QuiescibleKind: Sendable, Hashable, CustomStringConvertible {
    /// How a kind is stopped without deleting it.
    public enum Method: Sendable, Hashable {
        /// `spec.replicas` → 0; `savesPaused` also saves `spec.paused` (which is left as it
        /// is) and puts it back on unquiesce.
        case scaleToZero(savesPaused: Bool)
        /// A node selector no node carries.
        case unschedulable
        /// `spec.suspend` → true.
        case suspend
        /// `spec.parallelism` → 0.
        case zeroParallelism
    }

    /// The API group; empty for the core group.
    public var group: String
    /// The version used to list and update.
    public var version: String
    /// The kind.
    public var kind: String
    /// How it is stopped.
    public var method: Method
    /// Objects controlled by this kind are left to that owner, which is quiesced itself.
    public var ownerKindHandlingIt: String?

    /// The kinds the Migration Toolkit quiesces, in the order it quiesces them.
    public static let all: [QuiescibleKind] = [
        QuiescibleKind(group: "apps.openshift.io", version: "v1", kind: "DeploymentConfig", method: .scaleToZero(savesPaused: true)),
        QuiescibleKind(group: "apps", version: "v1", kind: "Deployment", method: .scaleToZero(savesPaused: true)),
        QuiescibleKind(group: "apps", version: "v1", kind: "StatefulSet", method: .scaleToZero(savesPaused: false)),
        QuiescibleKind(group: "apps", version: "v1", kind: "ReplicaSet", method: .scaleToZero(savesPaused: false), ownerKindHandlingIt: "Deployment"),
        QuiescibleKind(group: "", version: "v1", kind: "ReplicationController", method: .scaleToZero(savesPaused: false), ownerKindHandlingIt: "DeploymentConfig"),
        QuiescibleKind(group: "apps", version: "v1", kind: "DaemonSet", method: .unschedulable),
        QuiescibleKind(group: "batch", version: "v1", kind: "CronJob", method: .suspend),
        QuiescibleKind(group: "batch", version: "v1", kind: "Job", method: .zeroParallelism),
    ]

    /// `kind.group/version`, such as `Deployment.apps/v1`.
    public var description: String { "\(kind).\(group.isEmpty ? "core" : group)/\(version)" }

    /// The kind and version to look the resource up by.
    public var groupVersionKind: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }

    /// The entry for an object's group and kind (any version), if it is quiesced at all.
    public static func of(_ object: KubeObject) -> QuiescibleKind? {
        let group = object.groupVersion.group
        return all.first { $0.kind == object.kind && $0.group == group }
    }

    /// Whether quiescing acts on this object itself rather than through its owner.
    public func isQuiescedDirectly(_ object: KubeObject) -> Bool {
        guard let ownerKindHandlingIt else { return true }
        return !object.ownerReferences.contains { $0.kind == ownerKindHandlingIt }
    }
}
