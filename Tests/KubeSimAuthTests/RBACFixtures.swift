import KubeCore
import KubeSimAuth

/// Builders for RBAC objects in tests.
enum RBACFixtures {
    static let rbacVersion = "rbac.authorization.k8s.io/v1"

    static func role(_ name: String, namespace: String? = nil, rules: [PolicyRule], labels: [String: String] = [:]) -> KubeObject {
        var role = KubeObject(apiVersion: rbacVersion, kind: namespace == nil ? "ClusterRole" : "Role", name: name, namespace: namespace)
        role["rules"] = .array(rules.map(\.json))
        role.labels = labels
        return role
    }

    static func binding(
        _ name: String, namespace: String? = nil, roleKind: String = "ClusterRole", role: String, subjects: [JSONValue]
    ) -> KubeObject {
        var binding = KubeObject(apiVersion: rbacVersion, kind: namespace == nil ? "ClusterRoleBinding" : "RoleBinding", name: name, namespace: namespace)
        binding["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": .string(roleKind), "name": .string(role)]
        binding["subjects"] = .array(subjects)
        return binding
    }

    static func user(_ name: String) -> JSONValue { ["kind": "User", "name": .string(name), "apiGroup": "rbac.authorization.k8s.io"] }
    static func group(_ name: String) -> JSONValue { ["kind": "Group", "name": .string(name), "apiGroup": "rbac.authorization.k8s.io"] }
    static func serviceAccount(_ name: String, namespace: String? = nil) -> JSONValue {
        var subject: JSONValue = ["kind": "ServiceAccount", "name": .string(name)]
        if let namespace { subject["namespace"] = .string(namespace) }
        return subject
    }

    static let podReader = PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods"])
}
