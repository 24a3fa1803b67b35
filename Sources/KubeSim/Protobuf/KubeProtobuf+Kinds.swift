extension KubeProtobuf {
    /// The top-level message for each kind Ferry reads, keyed by `apiVersion` then `kind`.
    static let kinds: [String: [String: String]] = [
        "v1": [
            "ConfigMap": "ConfigMap", "Secret": "Secret", "Namespace": "Namespace",
            "ServiceAccount": "ServiceAccount", "Service": "Service", "ResourceQuota": "ResourceQuota",
            "Pod": "Pod",
        ],
        "apps/v1": ["Deployment": "Deployment", "ReplicaSet": "ReplicaSet"],
        "batch/v1": ["Job": "Job", "CronJob": "CronJob"],
        "rbac.authorization.k8s.io/v1": [
            "Role": "Role", "ClusterRole": "ClusterRole", "RoleBinding": "RoleBinding",
            "ClusterRoleBinding": "ClusterRoleBinding",
        ],
        "scheduling.k8s.io/v1": ["PriorityClass": "PriorityClass"],
        "policy/v1": ["PodDisruptionBudget": "PodDisruptionBudget", "Eviction": "Eviction"],
        "networking.k8s.io/v1": ["Ingress": "Ingress"],
        "authentication.k8s.io/v1": [
            "TokenRequest": "TokenRequest", "TokenReview": "TokenReview", "SelfSubjectReview": "SelfSubjectReview",
        ],
        "authorization.k8s.io/v1": [
            "SelfSubjectAccessReview": "SelfSubjectAccessReview", "SelfSubjectRulesReview": "SelfSubjectRulesReview",
            "SubjectAccessReview": "SubjectAccessReview", "LocalSubjectAccessReview": "LocalSubjectAccessReview",
        ],
    ]

    /// The message for a kind. `DeleteOptions` is registered in every group version, so
    /// clients label it with whichever group they are deleting from.
    static func messageName(apiVersion: String, kind: String) -> String? {
        if kind == "DeleteOptions" { return "DeleteOptions" }
        return kinds[apiVersion]?[kind]
    }
}
