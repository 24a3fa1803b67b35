import FerryEngine
import KubeCore
import Testing

@Suite("Restore order")
struct RestoreOrderTests {
    func object(_ apiVersion: String, _ kind: String, _ name: String, namespace: String? = nil) -> KubeObject {
        KubeObject(apiVersion: apiVersion, kind: kind, name: name, namespace: namespace)
    }

    @Test("objects are created in Velero's priority order, then the rest")
    func priorityOrder() {
        let expected = [
            object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"),
            object("v1", "Namespace", "shop"),
            object("storage.k8s.io/v1", "StorageClass", "fast"),
            object("v1", "PersistentVolume", "pv-1"),
            object("v1", "PersistentVolumeClaim", "data", namespace: "shop"),
            object("rbac.authorization.k8s.io/v1", "ClusterRole", "shop-reader"),
            object("rbac.authorization.k8s.io/v1", "Role", "reader", namespace: "shop"),
            object("v1", "ServiceAccount", "app", namespace: "shop"),
            object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "shop-reader"),
            object("rbac.authorization.k8s.io/v1", "RoleBinding", "reader", namespace: "shop"),
            object("v1", "Secret", "db", namespace: "shop"),
            object("v1", "ConfigMap", "settings", namespace: "shop"),
            object("v1", "LimitRange", "limits", namespace: "shop"),
            object("scheduling.k8s.io/v1", "PriorityClass", "high"),
            object("v1", "Pod", "standalone", namespace: "shop"),
            object("apps/v1", "ReplicaSet", "orphan", namespace: "shop"),
            object("v1", "Endpoints", "external", namespace: "shop"),
            object("v1", "Service", "web", namespace: "shop"),
            object("apps/v1", "Deployment", "web", namespace: "shop"),
            object("example.com/v1", "Widget", "gizmo", namespace: "shop"),
        ]
        let shuffled = expected.reversed() + []
        #expect(RestoreOrder.sorted(Array(shuffled)).map(\.name) == expected.map(\.name))
        #expect(RestoreOrder.sorted(expected.shuffled()).map(\.kind) == expected.map(\.kind))
    }

    @Test("ties are ordered by kind and group, then namespace, then name")
    func tiesAlphabetical() {
        let objects = [
            object("v1", "ConfigMap", "b", namespace: "two"),
            object("example.com/v1", "Widget", "a", namespace: "one"),
            object("v1", "ConfigMap", "a", namespace: "two"),
            object("apps/v1", "Deployment", "z", namespace: "one"),
            object("v1", "ConfigMap", "z", namespace: "one"),
            object("batch/v1", "CronJob", "nightly", namespace: "one"),
        ]
        let order = RestoreOrder.sorted(objects).map { "\($0.kind) \($0.namespace ?? "")/\($0.name)" }
        #expect(order == [
            "ConfigMap one/z", "ConfigMap two/a", "ConfigMap two/b",
            "CronJob one/nightly", "Deployment one/z", "Widget one/a",
        ])
    }

    @Test("OpenShift's roles and bindings share the RBAC kinds' places")
    func openShiftRoles() {
        let objects = [
            object("authorization.openshift.io/v1", "RoleBinding", "b", namespace: "shop"),
            object("v1", "ServiceAccount", "app", namespace: "shop"),
            object("authorization.openshift.io/v1", "Role", "r", namespace: "shop"),
        ]
        #expect(RestoreOrder.sorted(objects).map(\.kind) == ["Role", "ServiceAccount", "RoleBinding"])
    }

    @Test("groups hold objects of one priority, in order")
    func groups() {
        let objects = [
            object("apps/v1", "Deployment", "web", namespace: "shop"),
            object("v1", "ConfigMap", "a", namespace: "shop"),
            object("example.com/v1", "Widget", "gizmo", namespace: "shop"),
            object("v1", "ConfigMap", "b", namespace: "shop"),
            object("v1", "Namespace", "shop"),
        ]
        let groups = RestoreOrder.groups(objects).map { $0.map(\.name) }
        #expect(groups == [["shop"], ["a", "b"], ["web", "gizmo"]])
        #expect(RestoreOrder.groups([]).isEmpty)
    }
}
