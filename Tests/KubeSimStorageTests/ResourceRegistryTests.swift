import KubeCore
import KubeSimStorage
import Testing

@Suite("ResourceRegistry")
struct ResourceRegistryTests {
    let registry = ResourceRegistry()

    @Test("short names resolve as kubectl expects", arguments: [
        ("po", "pods"), ("svc", "services"), ("deploy", "deployments"), ("rs", "replicasets"), ("sts", "statefulsets"),
        ("ds", "daemonsets"), ("cj", "cronjobs"), ("ing", "ingresses"), ("pvc", "persistentvolumeclaims"), ("pv", "persistentvolumes"),
        ("sc", "storageclasses"), ("cm", "configmaps"), ("ns", "namespaces"), ("sa", "serviceaccounts"), ("ep", "endpoints"),
        ("no", "nodes"), ("hpa", "horizontalpodautoscalers"), ("pdb", "poddisruptionbudgets"), ("netpol", "networkpolicies"),
        ("crd", "customresourcedefinitions"), ("crds", "customresourcedefinitions"), ("rc", "replicationcontrollers"),
        ("limits", "limitranges"), ("quota", "resourcequotas"), ("csr", "certificatesigningrequests"), ("pc", "priorityclasses"),
        ("scc", "securitycontextconstraints"), ("dc", "deploymentconfigs"), ("bc", "buildconfigs"), ("is", "imagestreams"),
    ])
    func shortNames(short: String, resource: String) {
        #expect(registry.definitions(matching: short).map(\.resource).contains(resource))
    }

    @Test("the all category holds the workload kinds and no configuration kinds")
    func allCategory() {
        let all = Set(registry.all.filter { $0.categories.contains("all") }.map(\.resource))
        for resource in ["pods", "services", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs",
                         "replicationcontrollers", "horizontalpodautoscalers", "deploymentconfigs", "buildconfigs", "builds", "imagestreams", "routes"] {
            #expect(all.contains(resource), "\(resource)")
        }
        #expect(!all.contains("configmaps") && !all.contains("secrets"))
    }

    @Test("scalable kinds have a scale subresource; service accounts have token")
    func subresources() throws {
        for (group, resource) in [("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("", "replicationcontrollers"), ("apps.openshift.io", "deploymentconfigs")] {
            let definition = try #require(registry.definition(for: GroupResource(group: group, resource: resource)))
            #expect(definition.subresources.contains("scale") && definition.subresources.contains("status"))
        }
        #expect(registry.definition(for: GroupResource(group: "", resource: "serviceaccounts"))?.subresources.contains("token") == true)
    }

    @Test("lookups by group/version/resource and by apiVersion/kind agree")
    func lookups() throws {
        let hpa = try #require(registry.definition(group: "autoscaling", version: "v1", resource: "horizontalpodautoscalers"))
        #expect(hpa.preferredVersion == "v2")
        #expect(registry.definition(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler") == hpa)
        #expect(registry.definition(group: "apps", version: "v1beta1", resource: "deployments") == nil)
        #expect(registry.definition(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role")?.group == "rbac.authorization.k8s.io")
        #expect(registry.definition(apiVersion: "v1", kind: "Event")?.group == "")
    }

    @Test("review resources are create-only and not stored; projects are a view of namespaces")
    func specialResources() throws {
        let review = try #require(registry.definition(for: GroupResource(group: "authorization.k8s.io", resource: "selfsubjectaccessreviews")))
        #expect(review.verbs == ["create"] && !review.isStored)
        let projects = try #require(registry.definition(for: GroupResource(group: "project.openshift.io", resource: "projects")))
        #expect(projects.viewOf == GroupResource(group: "", resource: "namespaces") && !projects.namespaced)
        let store = try TestSupport.store()
        let error = #expect(throws: KubeAPIError.self) { try store.create(KubeObject(apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", name: "x"), in: review) }
        #expect(error?.code == 405)
    }

    @Test("register and unregister change what is served")
    func registration() {
        let registry = ResourceRegistry()
        let widgets = ResourceDefinition(group: "example.com", versions: ["v1"], resource: "widgets", singular: "widget", kind: "Widget", namespaced: true)
        registry.register(widgets)
        #expect(registry.definition(apiVersion: "example.com/v1", kind: "Widget") == widgets)
        #expect(registry.all.last == widgets)
        registry.unregister(widgets.groupResource)
        #expect(registry.definition(for: widgets.groupResource) == nil)
        #expect(registry.definition(apiVersion: "example.com/v1", kind: "Widget") == nil)
    }
}
