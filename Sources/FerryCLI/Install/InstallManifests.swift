public import FerryAPI
public import KubeCore

/// What `ferry install` puts on the host cluster: the Migration API's CRDs, the controller's
/// namespace, identity and permissions, and the Deployment running `ferry controller`.
public struct InstallManifests: Sendable {
    /// The image `ferry install` deploys unless told otherwise.
    public static let defaultImage = "quay.io/ferry/ferry:latest"
    /// The controller's service account, Deployment and RBAC names (MTC's).
    public static let controllerName = "migration-controller"

    /// The namespace the controller runs in and watches.
    public var namespace: String
    /// The controller's container image.
    public var image: String

    /// Creates the manifests for `namespace` and `image`.
    public init(namespace: String = MigrationAPI.defaultNamespace, image: String = Self.defaultImage) {
        self.namespace = namespace
        self.image = image
    }

    /// Every object, in the order they must be applied.
    public var objects: [KubeObject] {
        MigrationCustomResourceDefinitions.all + [namespaceObject, serviceAccount, clusterRole, clusterRoleBinding, deployment]
    }

    /// The CRDs among ``objects``.
    public var customResourceDefinitions: [KubeObject] { MigrationCustomResourceDefinitions.all }

    private var labels: [String: String] {
        ["app.kubernetes.io/part-of": "ferry", "app.kubernetes.io/component": "controller"]
    }

    var namespaceObject: KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "Namespace", name: namespace)
        object.labels = ["app.kubernetes.io/part-of": "ferry"]
        return object
    }

    var serviceAccount: KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "ServiceAccount", name: Self.controllerName, namespace: namespace)
        object.labels = labels
        return object
    }

    /// The controller's permissions.
    ///
    /// Like MTC's controller, Ferry's needs every verb on every resource: it reads any kind
    /// to collect a namespace, creates, updates and deletes any kind in the namespaces it
    /// migrates (custom resources included, whose kinds are not known in advance), quiesces
    /// workloads, and runs transfer pods. A narrower role would fail on the first kind it
    /// does not list; the rules below say so instead of pretending otherwise.
    var clusterRole: KubeObject {
        var object = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: clusterRoleName)
        object.labels = labels
        object["rules"] = [
            ["apiGroups": [.string(MigrationAPI.group)], "resources": ["*"], "verbs": ["*"]],
            ["apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]],
            ["nonResourceURLs": ["*"], "verbs": ["get"]],
        ]
        return object
    }

    /// The ClusterRole and ClusterRoleBinding name; namespaced so that two installs in two
    /// namespaces do not share one binding.
    var clusterRoleName: String { "ferry-\(namespace)-controller" }

    var clusterRoleBinding: KubeObject {
        var object = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", name: clusterRoleName)
        object.labels = labels
        object["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(clusterRoleName)]
        object["subjects"] = [["kind": "ServiceAccount", "name": .string(Self.controllerName), "namespace": .string(namespace)]]
        return object
    }

    var deployment: KubeObject {
        var object = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: Self.controllerName, namespace: namespace)
        object.labels = labels
        let selector: JSONValue = ["app": "ferry", "control-plane": "controller"]
        let container: JSONValue = [
            "name": "controller",
            "image": .string(image),
            "command": ["ferry", "controller", "--namespace", .string(namespace), "--leader-elect"],
            "env": [["name": "POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]]],
            "resources": ["requests": ["cpu": "100m", "memory": "128Mi"], "limits": ["memory": "1Gi"]],
        ]
        object["spec"] = [
            "replicas": 1,
            "selector": ["matchLabels": selector],
            "template": [
                "metadata": ["labels": selector],
                "spec": ["serviceAccountName": .string(Self.controllerName), "containers": [container]],
            ],
        ]
        return object
    }
}
