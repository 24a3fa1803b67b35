public import KubeCore
public import KubeSimStorage

/// The default ClusterRoles and ClusterRoleBindings every cluster starts with, as in
/// Kubernetes' RBAC bootstrap policy: `cluster-admin`, the aggregated `admin`/`edit`/`view`,
/// discovery and self-review for every authenticated user.
public enum BootstrapPolicy {
    /// The label that marks the bootstrap objects.
    public static let bootstrappingLabel = ["kubernetes.io/bootstrapping": "rbac-defaults"]

    private static let read = ["get", "list", "watch"]
    private static let write = ["create", "delete", "deletecollection", "patch", "update"]

    private static let editableCore = [
        "pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "endpoints",
        "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets",
        "serviceaccounts", "services", "services/proxy",
    ]
    private static let workloads = [
        "deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale",
        "statefulsets", "statefulsets/scale", "daemonsets",
    ]

    /// The default ClusterRoles.
    public static var clusterRoles: [KubeObject] {
        [
            clusterRole("cluster-admin", rules: [
                PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
                PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]),
            ]),
            clusterRole("admin", aggregatedFrom: "admin"),
            clusterRole("edit", aggregatedFrom: "edit", labels: ["rbac.authorization.k8s.io/aggregate-to-admin": "true"]),
            clusterRole("view", aggregatedFrom: "view", labels: ["rbac.authorization.k8s.io/aggregate-to-edit": "true"]),
            clusterRole("system:aggregate-to-admin", labels: ["rbac.authorization.k8s.io/aggregate-to-admin": "true"], rules: [
                PolicyRule(verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["localsubjectaccessreviews"]),
                PolicyRule(verbs: read + write, apiGroups: [RBACAuthorizer.rbacGroup], resources: ["rolebindings", "roles"]),
            ]),
            clusterRole("system:aggregate-to-edit", labels: ["rbac.authorization.k8s.io/aggregate-to-edit": "true"], rules: [
                PolicyRule(verbs: write, apiGroups: [""], resources: editableCore),
                PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["serviceaccounts/token"]),
                PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["secrets"]),
                PolicyRule(verbs: write, apiGroups: ["apps"], resources: workloads),
                PolicyRule(verbs: write, apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"]),
                PolicyRule(verbs: write, apiGroups: ["batch"], resources: ["cronjobs", "jobs"]),
                PolicyRule(verbs: write, apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"]),
                PolicyRule(verbs: write, apiGroups: ["policy"], resources: ["poddisruptionbudgets"]),
                PolicyRule(verbs: write, apiGroups: ["route.openshift.io"], resources: ["routes", "routes/custom-host"]),
            ]),
            clusterRole("system:aggregate-to-view", labels: ["rbac.authorization.k8s.io/aggregate-to-view": "true"], rules: [
                PolicyRule(verbs: read, apiGroups: [""], resources: [
                    "pods", "pods/log", "pods/status", "configmaps", "endpoints", "persistentvolumeclaims",
                    "persistentvolumeclaims/status", "replicationcontrollers", "replicationcontrollers/scale",
                    "serviceaccounts", "services", "services/status", "bindings", "events", "limitranges",
                    "namespaces", "namespaces/status", "resourcequotas", "resourcequotas/status",
                ]),
                PolicyRule(verbs: read, apiGroups: ["apps"], resources: workloads + ["controllerrevisions", "daemonsets/status", "deployments/status", "replicasets/status", "statefulsets/status"]),
                PolicyRule(verbs: read, apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
                PolicyRule(verbs: read, apiGroups: ["batch"], resources: ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
                PolicyRule(verbs: read, apiGroups: ["networking.k8s.io"], resources: ["ingresses", "ingresses/status", "networkpolicies"]),
                PolicyRule(verbs: read, apiGroups: ["policy"], resources: ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
                PolicyRule(verbs: read, apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"]),
                PolicyRule(verbs: read, apiGroups: ["route.openshift.io"], resources: ["routes", "routes/status"]),
            ]),
            clusterRole("system:discovery", rules: [
                PolicyRule(verbs: ["get"], nonResourceURLs: [
                    "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz",
                    "/version", "/version/",
                ])
            ]),
            clusterRole("system:public-info-viewer", rules: [
                PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"])
            ]),
            clusterRole("system:basic-user", rules: [
                PolicyRule(verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                PolicyRule(verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"]),
            ]),
        ]
    }

    /// The default ClusterRoles with the rules of aggregated roles filled in, as the
    /// aggregation controller writes them, so that `kubectl describe clusterrole admin` shows them.
    public static var aggregatedClusterRoles: [KubeObject] {
        let roles = clusterRoles
        let resolved = RBACPolicy.resolveAggregation(roles)
        return roles.map { role in
            guard role["aggregationRule"] != nil, let rules = resolved[role.name] else { return role }
            var filled = role
            filled["rules"] = .array(rules.map(\.json))
            return filled
        }
    }

    /// The default ClusterRoleBindings.
    public static var clusterRoleBindings: [KubeObject] {
        [
            clusterRoleBinding("cluster-admin", groups: [RBACAuthorizer.mastersGroup]),
            clusterRoleBinding("system:discovery", groups: ["system:authenticated"]),
            clusterRoleBinding("system:basic-user", groups: ["system:authenticated"]),
            clusterRoleBinding("system:public-info-viewer", groups: ["system:authenticated", "system:unauthenticated"]),
        ]
    }

    /// Creates the default objects that `store` does not have yet; existing ones, possibly
    /// changed by an administrator, are left as they are.
    public static func ensure(in store: ObjectStore) {
        let batches = [("clusterroles", aggregatedClusterRoles), ("clusterrolebindings", clusterRoleBindings)]
        for (resource, objects) in batches {
            guard let definition = store.registry.definition(for: GroupResource(group: RBACAuthorizer.rbacGroup, resource: resource)) else {
                continue
            }
            for object in objects {
                if (try? store.get(definition, namespace: nil, name: object.name)) != nil { continue }
                _ = try? store.create(object, in: definition)
            }
        }
    }

    private static func clusterRole(_ name: String, labels: [String: String] = [:], rules: [PolicyRule] = []) -> KubeObject {
        var role = KubeObject(apiVersion: "\(RBACAuthorizer.rbacGroup)/v1", kind: "ClusterRole", name: name)
        role.labels = bootstrappingLabel.merging(labels) { _, new in new }
        role["rules"] = .array(rules.map(\.json))
        return role
    }

    private static func clusterRole(_ name: String, aggregatedFrom target: String, labels: [String: String] = [:]) -> KubeObject {
        var role = clusterRole(name, labels: labels)
        role["aggregationRule"] = [
            "clusterRoleSelectors": [["matchLabels": .object(["rbac.authorization.k8s.io/aggregate-to-\(target)": "true"])]]
        ]
        return role
    }

    private static func clusterRoleBinding(_ name: String, groups: [String]) -> KubeObject {
        var binding = KubeObject(apiVersion: "\(RBACAuthorizer.rbacGroup)/v1", kind: "ClusterRoleBinding", name: name)
        binding.labels = bootstrappingLabel
        binding["roleRef"] = ["apiGroup": .string(RBACAuthorizer.rbacGroup), "kind": "ClusterRole", "name": .string(name)]
        binding["subjects"] = .array(groups.map { group in
            ["apiGroup": .string(RBACAuthorizer.rbacGroup), "kind": "Group", "name": .string(group)]
        })
        return binding
    }
}
