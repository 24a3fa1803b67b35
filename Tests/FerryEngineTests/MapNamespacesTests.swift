import FerryEngine
import KubeCore
import Testing

@Suite("MapNamespaces")
struct MapNamespacesTests {
    static let context = MigrationTransformContext.testing(namespaceMapping: ["shop": "shop-dr"])

    @Test("RoleBinding subjects follow the mapping: ServiceAccount namespaces and service-account user and group names")
    func roleBindingSubjects() throws {
        let binding: KubeObject = try .literal([
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": ["name": "readers", "namespace": "shop"],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"],
            "subjects": [
                ["kind": "ServiceAccount", "name": "builder", "namespace": "shop"],
                ["kind": "ServiceAccount", "name": "robot", "namespace": "tools"],
                ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "system:serviceaccount:shop:deployer"],
                ["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:serviceaccounts:shop"],
                ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"],
            ],
        ])
        let (_, mapped) = MapNamespaces().applied(to: binding, context: Self.context)
        #expect(mapped.namespace == "shop-dr")
        #expect(mapped["subjects"] == [
            ["kind": "ServiceAccount", "name": "builder", "namespace": "shop-dr"],
            ["kind": "ServiceAccount", "name": "robot", "namespace": "tools"],
            ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "system:serviceaccount:shop-dr:deployer"],
            ["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:serviceaccounts:shop-dr"],
            ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"],
        ])
    }

    @Test("ClusterRoleBindings map subjects without gaining a namespace")
    func clusterRoleBinding() throws {
        let binding: KubeObject = try .literal([
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": ["name": "shop-view"],
            "subjects": [["kind": "ServiceAccount", "name": "builder", "namespace": "shop"]],
        ])
        let (_, mapped) = MapNamespaces().applied(to: binding, context: Self.context)
        #expect(mapped.namespace == nil)
        #expect(mapped[path: "subjects"]?.arrayValue?.first?["namespace"] == "shop-dr")
    }

    @Test("SCC users and groups naming the namespace's service accounts follow the mapping")
    func securityContextConstraints() throws {
        let scc: KubeObject = try .literal([
            "apiVersion": "security.openshift.io/v1", "kind": "SecurityContextConstraints",
            "metadata": ["name": "anyuid"],
            "users": ["system:serviceaccount:shop:builder", "system:admin"],
            "groups": ["system:cluster-admins", "system:serviceaccounts:shop"],
        ])
        let (_, mapped) = MapNamespaces().applied(to: scc, context: Self.context)
        #expect(mapped["users"] == ["system:serviceaccount:shop-dr:builder", "system:admin"])
        #expect(mapped["groups"] == ["system:cluster-admins", "system:serviceaccounts:shop-dr"])
    }

    @Test("objects in unmapped namespaces keep their namespace, and a mapped Namespace is renamed")
    func unmappedAndNamespaceObjects() throws {
        let other: KubeObject = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "c", namespace: "tools")
        #expect(MapNamespaces().applied(to: other, context: Self.context).1.namespace == "tools")
        let namespace = KubeObject(apiVersion: "v1", kind: "Namespace", name: "shop")
        #expect(MapNamespaces().applied(to: namespace, context: Self.context).1.name == "shop-dr")
    }
}
