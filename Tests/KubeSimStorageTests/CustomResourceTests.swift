import KubeCore
import KubeSimStorage
import Testing

@Suite("CustomResourceDefinitions")
struct CustomResourceTests {
    /// The exported Prometheus CRD with its server-set fields removed, as a user would create it.
    func prometheusCRD() throws -> KubeObject {
        var crd = try TestSupport.fixture("customresourcedefinition-prometheuses-monitoring-coreos-com.json")
        var metadata = crd.metadata
        for field in ["uid", "resourceVersion", "creationTimestamp", "generation", "selfLink"] { metadata[field] = nil }
        crd.metadata = metadata
        crd.status = nil
        return crd
    }

    func prometheus(_ name: String) -> KubeObject {
        var object = KubeObject(apiVersion: "monitoring.coreos.com/v1", kind: "Prometheus", name: name, namespace: "monitoring")
        object.labels = ["app": "kube-prometheus-stack-prometheus"]
        object.spec = ["replicas": 1, "retention": "10d", "serviceAccountName": "prometheus"]
        return object
    }

    @Test("a definition reads group, names, scope, versions and subresources from a CRD")
    func definitionFromCRD() throws {
        let definition = try ResourceDefinition(crd: try prometheusCRD())
        #expect(definition.group == "monitoring.coreos.com")
        #expect(definition.resource == "prometheuses" && definition.singular == "prometheus" && definition.kind == "Prometheus")
        #expect(definition.namespaced)
        #expect(definition.versions == ["v1"])
        let withExtras = try TestSupport.object("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
             "spec":{"group":"example.com","scope":"Cluster","names":{"plural":"widgets","kind":"Widget","shortNames":["wd"],"categories":["all"]},
             "versions":[{"name":"v1beta1","served":true,"storage":false},{"name":"v1","served":true,"storage":true,
                          "subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas"}}},
                         {"name":"v0","served":false,"storage":false}]}}
            """)
        let widgets = try ResourceDefinition(crd: withExtras)
        #expect(widgets.versions == ["v1", "v1beta1"])
        #expect(!widgets.namespaced && widgets.singular == "widget" && widgets.shortNames == ["wd"] && widgets.categories == ["all"])
        #expect(widgets.subresources == ["status", "scale"])
    }

    @Test("an invalid CRD is rejected with 422 and kube-style causes")
    func invalidCRD() throws {
        let store = try TestSupport.store()
        var crd = try prometheusCRD()
        crd.name = "wrong.monitoring.coreos.com"
        let error = #expect(throws: KubeAPIError.self) { try store.create(crd, in: TestSupport.crds) }
        #expect(error?.code == 422)
        #expect(error?.message == "CustomResourceDefinition \"wrong.monitoring.coreos.com\" is invalid: metadata.name: Invalid value: \"wrong.monitoring.coreos.com\": must be spec.names.plural+\".\"+spec.group")
        var noNames = try prometheusCRD()
        noNames[path: "spec", "names"] = nil
        let missing = #expect(throws: KubeAPIError.self) { try store.create(noNames, in: TestSupport.crds) }
        #expect(missing?.details?.causes.map(\.field) == ["spec.names.plural", "spec.names.kind"])
    }

    @Test("creating a CRD serves its resource, sets Established, and deleting it removes its objects")
    func lifecycle() throws {
        let store = try TestSupport.store(namespaces: ["default", "monitoring"])
        let created = try store.create(try prometheusCRD(), in: TestSupport.crds)
        let conditions = created[path: "status", "conditions"]?.arrayValue ?? []
        #expect(conditions.map { $0["type"]?.stringValue } == ["NamesAccepted", "Established"])
        #expect(conditions.allSatisfy { $0["status"] == "True" })
        #expect(created[path: "status", "acceptedNames", "kind"] == "Prometheus")
        #expect(created[path: "status", "acceptedNames", "listKind"] == "PrometheusList")
        #expect(created[path: "status", "storedVersions"] == ["v1"])

        let definition = try #require(store.registry.definition(group: "monitoring.coreos.com", version: "v1", resource: "prometheuses"))
        #expect(store.registry.definition(apiVersion: "monitoring.coreos.com/v1", kind: "Prometheus") == definition)
        let instance = try store.create(prometheus("prometheus-stack-kube-prom-prometheus"), in: definition)
        #expect(instance.generation == 1)
        #expect(try store.list(definition, namespace: "monitoring").items.count == 1)

        let stream = try store.watch(definition, namespace: nil, options: ListOptions(resourceVersion: String(store.currentResourceVersion)))
        try store.delete(TestSupport.crds, namespace: nil, name: "prometheuses.monitoring.coreos.com")
        #expect(store.registry.definition(for: definition.groupResource) == nil)
        #expect(throws: KubeAPIError.self) { try store.get(definition, namespace: "monitoring", name: "prometheus-stack-kube-prom-prometheus") }
        #expect(try store.list(definition, namespace: nil).items.isEmpty)
        _ = stream
    }

    @Test("a CRD may not redefine a built-in resource")
    func builtInClash() throws {
        let store = try TestSupport.store()
        let crd = try TestSupport.object("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"deployments.apps"},
             "spec":{"group":"apps","scope":"Namespaced","names":{"plural":"deployments","kind":"Deployment"},"versions":[{"name":"v1","served":true,"storage":true}]}}
            """)
        #expect(throws: KubeAPIError.self) { try store.create(crd, in: TestSupport.crds) }
    }
}

@Suite("Custom resources with a status subresource")
struct CustomResourceStatusTests {
    @Test("an update keeps status and a status update keeps spec")
    func statusSubresource() throws {
        let store = try TestSupport.store()
        let crd = try TestSupport.object("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gadgets.example.com"},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"gadgets","kind":"Gadget"},
                     "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}}}]}}
            """)
        _ = try store.create(crd, in: TestSupport.crds)
        let gadgets = try #require(store.registry.definition(group: "example.com", version: "v1", resource: "gadgets"))
        var gadget = KubeObject(apiVersion: "example.com/v1", kind: "Gadget", name: "g", namespace: "default")
        gadget.spec = ["size": 1]
        gadget.status = ["ready": true]
        let created = try store.create(gadget, in: gadgets)
        var update = created
        update.spec = ["size": 2]
        update.status = ["ready": false]
        let updated = try store.update(update, in: gadgets)
        #expect(updated[path: "spec", "size"] == 2 && updated[path: "status", "ready"] == true && updated.generation == 2)
        var statusUpdate = updated
        statusUpdate.spec = ["size": 9]
        statusUpdate.status = ["ready": false]
        let afterStatus = try store.update(statusUpdate, in: gadgets, subresource: "status")
        #expect(afterStatus[path: "spec", "size"] == 2 && afterStatus[path: "status", "ready"] == false && afterStatus.generation == 2)
    }
}
