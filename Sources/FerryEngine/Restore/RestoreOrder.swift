public import KubeCore

/// The order objects are created in on the destination, so that what an object needs
/// exists before it: Velero's resource priorities, then alphabetical.
public enum RestoreOrder {
    /// The kinds restored before all others, in order; `(group, kind)`. OpenShift's
    /// `authorization.openshift.io` roles and bindings share the RBAC kinds' places.
    public static let priorities: [[GroupKind]] = [
        [GroupKind(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition")],
        [GroupKind(group: "", kind: "Namespace"), GroupKind(group: "project.openshift.io", kind: "Project")],
        [GroupKind(group: "storage.k8s.io", kind: "StorageClass")],
        [GroupKind(group: "", kind: "PersistentVolume")],
        [GroupKind(group: "", kind: "PersistentVolumeClaim")],
        [GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRole"), GroupKind(group: "authorization.openshift.io", kind: "ClusterRole")],
        [GroupKind(group: "rbac.authorization.k8s.io", kind: "Role"), GroupKind(group: "authorization.openshift.io", kind: "Role")],
        [GroupKind(group: "", kind: "ServiceAccount")],
        [GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding"), GroupKind(group: "authorization.openshift.io", kind: "ClusterRoleBinding")],
        [GroupKind(group: "rbac.authorization.k8s.io", kind: "RoleBinding"), GroupKind(group: "authorization.openshift.io", kind: "RoleBinding")],
        [GroupKind(group: "", kind: "Secret")],
        [GroupKind(group: "", kind: "ConfigMap")],
        [GroupKind(group: "", kind: "LimitRange")],
        [GroupKind(group: "scheduling.k8s.io", kind: "PriorityClass")],
        [GroupKind(group: "", kind: "Pod")],
        [GroupKind(group: "apps", kind: "ReplicaSet")],
        [GroupKind(group: "", kind: "Endpoints")],
        [GroupKind(group: "", kind: "Service")],
    ]

    /// The rank of an object's kind: its index in `priorities`, or `priorities.count` for
    /// every other kind.
    public static func rank(of object: KubeObject) -> Int {
        let group = object.groupVersion.group
        return priorities.firstIndex { $0.contains(GroupKind(group: group, kind: object.kind)) } ?? priorities.count
    }

    /// `objects` in restore order; ties are ordered by kind and group, namespace and name.
    public static func sorted(_ objects: [KubeObject]) -> [KubeObject] {
        objects
            .map { (rank: rank(of: $0), key: sortKey($0), object: $0) }
            .sorted { ($0.rank, $0.key) < ($1.rank, $1.key) }
            .map(\.object)
    }

    /// `objects` in restore order, split into the groups of one rank: the objects of one
    /// group do not depend on each other and may be created concurrently.
    public static func groups(_ objects: [KubeObject]) -> [[KubeObject]] {
        var groups: [[KubeObject]] = []
        var currentRank: Int?
        for object in sorted(objects) {
            let rank = rank(of: object)
            if rank == currentRank {
                groups[groups.count - 1].append(object)
            } else {
                groups.append([object])
                currentRank = rank
            }
        }
        return groups
    }

    private static func sortKey(_ object: KubeObject) -> String {
        "\(GroupKind(group: object.groupVersion.group, kind: object.kind).description.lowercased())\u{0}\(object.namespace ?? "")\u{0}\(object.name)"
    }
}
