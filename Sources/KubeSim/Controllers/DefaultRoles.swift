import KubeCore

/// The cluster roles and bindings kubectl users expect on any cluster.
enum DefaultRoles {
    private static let readVerbs: JSONValue = ["get", "list", "watch"]
    private static let writeVerbs: JSONValue = ["create", "delete", "deletecollection", "patch", "update"]

    private static func rule(_ groups: [String], _ resources: [String], _ verbs: JSONValue) -> JSONValue {
        ["apiGroups": .array(groups.map(JSONValue.string)), "resources": .array(resources.map(JSONValue.string)), "verbs": verbs]
    }

    private static func urls(_ paths: [String]) -> JSONValue {
        ["nonResourceURLs": .array(paths.map(JSONValue.string)), "verbs": ["get"]]
    }

    private static func role(_ name: String, _ rules: [JSONValue], aggregateLabel: String? = nil) -> KubeObject {
        var role = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: name)
        role.labels = ["kubernetes.io/bootstrapping": "rbac-defaults"]
        if let aggregateLabel { role.labels[aggregateLabel] = "true" }
        role.annotations = ["rbac.authorization.kubernetes.io/autoupdate": "true"]
        role["rules"] = .array(rules)
        return role
    }

    private static let workloadResources: [(String, [String])] = [
        ("", ["pods", "pods/log", "pods/status", "replicationcontrollers", "replicationcontrollers/scale", "services", "endpoints",
              "persistentvolumeclaims", "configmaps", "serviceaccounts", "events", "limitranges", "resourcequotas"]),
        ("apps", ["deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "statefulsets",
                  "statefulsets/scale", "daemonsets", "controllerrevisions"]),
        ("batch", ["jobs", "cronjobs"]), ("autoscaling", ["horizontalpodautoscalers"]),
        ("networking.k8s.io", ["ingresses", "networkpolicies"]), ("policy", ["poddisruptionbudgets"]),
        ("discovery.k8s.io", ["endpointslices"]), ("route.openshift.io", ["routes"]), ("apps.openshift.io", ["deploymentconfigs"]),
    ]

    static func clusterRoles() -> [KubeObject] {
        let view = workloadResources.map { rule([$0.0], $0.1, readVerbs) } + [rule([""], ["namespaces"], readVerbs)]
        let edit = workloadResources.map { rule([$0.0], $0.1, ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]) }
            + [rule([""], ["secrets"], ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]),
               rule([""], ["pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "services/proxy"], ["create", "get"]),
               rule([""], ["serviceaccounts/token"], ["create"]), rule([""], ["namespaces"], readVerbs)]
        let admin = edit + [
            rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]),
            rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
        ]
        return [
            role("cluster-admin", [rule(["*"], ["*"], ["*"]), ["nonResourceURLs": ["*"], "verbs": ["*"]]]),
            role("admin", admin, aggregateLabel: nil),
            role("edit", edit, aggregateLabel: "rbac.authorization.k8s.io/aggregate-to-admin"),
            role("view", view, aggregateLabel: "rbac.authorization.k8s.io/aggregate-to-edit"),
            role("system:basic-user", [
                rule(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"]),
                rule(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]),
            ]),
            role("system:discovery", [urls(["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"])]),
            role("system:public-info-viewer", [urls(["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
        ]
    }

    private static func binding(_ name: String, role: String, groups: [String]) -> KubeObject {
        var binding = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", name: name)
        binding.labels = ["kubernetes.io/bootstrapping": "rbac-defaults"]
        binding.annotations = ["rbac.authorization.kubernetes.io/autoupdate": "true"]
        binding["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role)]
        binding["subjects"] = .array(groups.map { ["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": .string($0)] })
        return binding
    }

    static func clusterRoleBindings() -> [KubeObject] {
        [
            binding("cluster-admin", role: "cluster-admin", groups: ["system:masters"]),
            binding("system:basic-user", role: "system:basic-user", groups: ["system:authenticated"]),
            binding("system:discovery", role: "system:discovery", groups: ["system:authenticated"]),
            binding("system:public-info-viewer", role: "system:public-info-viewer", groups: ["system:authenticated", "system:unauthenticated"]),
        ]
    }
}
