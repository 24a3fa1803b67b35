public import KubeCore

extension ResourceRegistry {
    /// The built-in resources of a Kubernetes 1.32 cluster with the OpenShift groups a
    /// migration touches.
    public static let builtIn: [ResourceDefinition] = core + workloads + networking + rbac + storage + cluster + reviews + openShift

    /// The group-resources of `builtIn`: the kinds strategic merge patch knows.
    public static let builtInResources: Set<GroupResource> = Set(builtIn.map(\.groupResource))
    private static let createOnly = ["create"]

    private static func define(
        _ group: String, _ versions: [String], _ resource: String, _ singular: String, _ kind: String,
        namespaced: Bool = true, short: [String] = [], categories: [String] = [], verbs: [String] = ResourceDefinition.allVerbs,
        subresources: Set<String> = [], isStored: Bool = true, viewOf: GroupResource? = nil
    ) -> ResourceDefinition {
        ResourceDefinition(
            group: group, versions: versions, resource: resource, singular: singular, kind: kind, namespaced: namespaced,
            shortNames: short, categories: categories, verbs: verbs, subresources: subresources, isStored: isStored, viewOf: viewOf)
    }

    private static let core: [ResourceDefinition] = [
        define("", ["v1"], "namespaces", "namespace", "Namespace", namespaced: false, short: ["ns"],
               verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], subresources: ["status", "finalize"]),
        define("", ["v1"], "pods", "pod", "Pod", short: ["po"], categories: ["all"],
               subresources: ["status", "log", "exec", "binding", "eviction", "ephemeralcontainers", "resize"]),
        define("", ["v1"], "services", "service", "Service", short: ["svc"], categories: ["all"],
               verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], subresources: ["status", "proxy"]),
        define("", ["v1"], "endpoints", "endpoints", "Endpoints", short: ["ep"]),
        define("", ["v1"], "configmaps", "configmap", "ConfigMap", short: ["cm"]),
        define("", ["v1"], "secrets", "secret", "Secret"),
        define("", ["v1"], "nodes", "node", "Node", namespaced: false, short: ["no"], subresources: ["status", "proxy"]),
        define("", ["v1"], "persistentvolumes", "persistentvolume", "PersistentVolume", namespaced: false, short: ["pv"],
               subresources: ["status"]),
        define("", ["v1"], "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", short: ["pvc"],
               subresources: ["status"]),
        define("", ["v1"], "serviceaccounts", "serviceaccount", "ServiceAccount", short: ["sa"], subresources: ["token"]),
        define("", ["v1"], "replicationcontrollers", "replicationcontroller", "ReplicationController", short: ["rc"],
               categories: ["all"], subresources: ["status", "scale"]),
        define("", ["v1"], "events", "event", "Event", short: ["ev"]),
        define("", ["v1"], "limitranges", "limitrange", "LimitRange", short: ["limits"]),
        define("", ["v1"], "resourcequotas", "resourcequota", "ResourceQuota", short: ["quota"], subresources: ["status"]),
        define("", ["v1"], "podtemplates", "podtemplate", "PodTemplate"),
        define("", ["v1"], "bindings", "binding", "Binding", verbs: createOnly, isStored: false),
        define("", ["v1"], "componentstatuses", "componentstatus", "ComponentStatus", namespaced: false, short: ["cs"],
               verbs: ["get", "list"], isStored: false),
    ]

    private static let workloads: [ResourceDefinition] = [
        define("apps", ["v1"], "deployments", "deployment", "Deployment", short: ["deploy"], categories: ["all"],
               subresources: ["status", "scale"]),
        define("apps", ["v1"], "replicasets", "replicaset", "ReplicaSet", short: ["rs"], categories: ["all"],
               subresources: ["status", "scale"]),
        define("apps", ["v1"], "statefulsets", "statefulset", "StatefulSet", short: ["sts"], categories: ["all"],
               subresources: ["status", "scale"]),
        define("apps", ["v1"], "daemonsets", "daemonset", "DaemonSet", short: ["ds"], categories: ["all"], subresources: ["status"]),
        define("apps", ["v1"], "controllerrevisions", "controllerrevision", "ControllerRevision"),
        define("batch", ["v1"], "jobs", "job", "Job", categories: ["all"], subresources: ["status"]),
        define("batch", ["v1"], "cronjobs", "cronjob", "CronJob", short: ["cj"], categories: ["all"], subresources: ["status"]),
        define("autoscaling", ["v2", "v1"], "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler",
               short: ["hpa"], categories: ["all"], subresources: ["status"]),
        define("policy", ["v1"], "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", short: ["pdb"],
               subresources: ["status"]),
    ]

    private static let networking: [ResourceDefinition] = [
        define("networking.k8s.io", ["v1"], "ingresses", "ingress", "Ingress", short: ["ing"], subresources: ["status"]),
        define("networking.k8s.io", ["v1"], "networkpolicies", "networkpolicy", "NetworkPolicy", short: ["netpol"]),
        define("networking.k8s.io", ["v1"], "ingressclasses", "ingressclass", "IngressClass", namespaced: false),
        define("discovery.k8s.io", ["v1"], "endpointslices", "endpointslice", "EndpointSlice"),
    ]

    private static let rbac: [ResourceDefinition] = [
        define("rbac.authorization.k8s.io", ["v1"], "roles", "role", "Role"),
        define("rbac.authorization.k8s.io", ["v1"], "rolebindings", "rolebinding", "RoleBinding"),
        define("rbac.authorization.k8s.io", ["v1"], "clusterroles", "clusterrole", "ClusterRole", namespaced: false),
        define("rbac.authorization.k8s.io", ["v1"], "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", namespaced: false),
    ]

    private static let storage: [ResourceDefinition] = [
        define("storage.k8s.io", ["v1"], "storageclasses", "storageclass", "StorageClass", namespaced: false, short: ["sc"]),
        define("storage.k8s.io", ["v1"], "csidrivers", "csidriver", "CSIDriver", namespaced: false),
        define("storage.k8s.io", ["v1"], "csinodes", "csinode", "CSINode", namespaced: false),
        define("storage.k8s.io", ["v1"], "volumeattachments", "volumeattachment", "VolumeAttachment", namespaced: false,
               subresources: ["status"]),
    ]

    private static let cluster: [ResourceDefinition] = [
        define("coordination.k8s.io", ["v1"], "leases", "lease", "Lease"),
        define("apiextensions.k8s.io", ["v1"], "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition",
               namespaced: false, short: ["crd", "crds"], categories: ["api-extensions"], subresources: ["status"]),
        define("events.k8s.io", ["v1"], "events", "event", "Event", short: ["ev"]),
        define("scheduling.k8s.io", ["v1"], "priorityclasses", "priorityclass", "PriorityClass", namespaced: false, short: ["pc"]),
        define("certificates.k8s.io", ["v1"], "certificatesigningrequests", "certificatesigningrequest", "CertificateSigningRequest",
               namespaced: false, short: ["csr"], subresources: ["status", "approval"]),
        define("node.k8s.io", ["v1"], "runtimeclasses", "runtimeclass", "RuntimeClass", namespaced: false),
    ]

    private static let reviews: [ResourceDefinition] = [
        define("authentication.k8s.io", ["v1"], "tokenreviews", "tokenreview", "TokenReview", namespaced: false,
               verbs: createOnly, isStored: false),
        define("authentication.k8s.io", ["v1"], "selfsubjectreviews", "selfsubjectreview", "SelfSubjectReview", namespaced: false,
               verbs: createOnly, isStored: false),
        define("authorization.k8s.io", ["v1"], "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview",
               namespaced: false, verbs: createOnly, isStored: false),
        define("authorization.k8s.io", ["v1"], "subjectaccessreviews", "subjectaccessreview", "SubjectAccessReview",
               namespaced: false, verbs: createOnly, isStored: false),
        define("authorization.k8s.io", ["v1"], "selfsubjectrulesreviews", "selfsubjectrulesreview", "SelfSubjectRulesReview",
               namespaced: false, verbs: createOnly, isStored: false),
        define("authorization.k8s.io", ["v1"], "localsubjectaccessreviews", "localsubjectaccessreview", "LocalSubjectAccessReview",
               verbs: createOnly, isStored: false),
    ]

    private static let openShift: [ResourceDefinition] = [
        define("route.openshift.io", ["v1"], "routes", "route", "Route", categories: ["all"], subresources: ["status"]),
        define("image.openshift.io", ["v1"], "imagestreams", "imagestream", "ImageStream", short: ["is"], categories: ["all"],
               subresources: ["status"]),
        define("image.openshift.io", ["v1"], "imagestreamtags", "imagestreamtag", "ImageStreamTag", short: ["istag"],
               verbs: ["get", "list", "create", "update", "patch", "delete"]),
        define("image.openshift.io", ["v1"], "images", "image", "Image", namespaced: false),
        define("apps.openshift.io", ["v1"], "deploymentconfigs", "deploymentconfig", "DeploymentConfig", short: ["dc"],
               categories: ["all"], subresources: ["status", "scale", "instantiate", "log", "rollback"]),
        define("security.openshift.io", ["v1"], "securitycontextconstraints", "securitycontextconstraints",
               "SecurityContextConstraints", namespaced: false, short: ["scc"]),
        define("project.openshift.io", ["v1"], "projects", "project", "Project", namespaced: false,
               verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
               viewOf: GroupResource(group: "", resource: "namespaces")),
        define("project.openshift.io", ["v1"], "projectrequests", "projectrequest", "ProjectRequest", namespaced: false,
               verbs: ["create", "list"], isStored: false),
        define("build.openshift.io", ["v1"], "buildconfigs", "buildconfig", "BuildConfig", short: ["bc"], categories: ["all"],
               subresources: ["status", "instantiate", "instantiatebinary", "webhooks"]),
        define("build.openshift.io", ["v1"], "builds", "build", "Build", categories: ["all"],
               subresources: ["status", "log", "clone", "details"]),
        define("authorization.openshift.io", ["v1"], "roles", "role", "Role"),
        define("authorization.openshift.io", ["v1"], "rolebindings", "rolebinding", "RoleBinding"),
    ]
}
