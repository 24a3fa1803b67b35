import KubeCore
import KubeSimStorage
import Testing

@Suite("ObjectStore basics")
struct ObjectStoreTests {
    @Test("create fills uid, resourceVersion, creationTimestamp and type metadata")
    func createFillsMetadata() throws {
        let store = try TestSupport.store()
        var input = KubeObject()
        input.name = "web"
        input["data"] = ["a": "b"]
        let created = try store.create(input, in: TestSupport.configMaps, namespace: "default")
        #expect(created.apiVersion == "v1")
        #expect(created.kind == "ConfigMap")
        #expect(created.namespace == "default")
        let uid = try #require(created.uid)
        #expect(uid.count == 36 && uid == uid.lowercased())
        #expect(created.resourceVersion == String(store.currentResourceVersion))
        let timestamp = try #require(created.creationTimestamp)
        #expect(KubeTime.parse(timestamp) != nil && timestamp.hasSuffix("Z"))
        #expect(created.generation == nil)
        #expect(try store.get(TestSupport.configMaps, namespace: "default", name: "web") == created)
    }

    @Test("objects with a spec start at generation 1")
    func generationForSpec() throws {
        let store = try TestSupport.store()
        var service = KubeObject(apiVersion: "v1", kind: "Service", name: "db", namespace: "default")
        service.spec = ["ports": [["port": 80]]]
        #expect(try store.create(service, in: TestSupport.services).generation == 1)
    }

    @Test("generateName appends five random characters")
    func generateName() throws {
        let store = try TestSupport.store()
        var input = TestSupport.configMap("")
        input.generateName = "job-"
        let first = try store.create(input, in: TestSupport.configMaps)
        let second = try store.create(input, in: TestSupport.configMaps)
        #expect(first.name.hasPrefix("job-") && first.name.count == 9)
        #expect(first.name != second.name)
    }

    @Test("creating a duplicate fails with 409 AlreadyExists")
    func alreadyExists() throws {
        let store = try TestSupport.store()
        _ = try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps)
        let error = #expect(throws: KubeAPIError.self) { try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps) }
        #expect(error?.isAlreadyExists == true)
        #expect(error?.message == "configmaps \"a\" already exists")
    }

    @Test("a body of another kind is rejected with 400")
    func kindMismatch() throws {
        let store = try TestSupport.store()
        let secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "s", namespace: "default")
        let error = #expect(throws: KubeAPIError.self) { try store.create(secret, in: TestSupport.configMaps) }
        #expect(error?.code == 400)
    }

    @Test("creating into a missing namespace fails with 404")
    func missingNamespace() throws {
        let store = try TestSupport.store()
        let error = #expect(throws: KubeAPIError.self) { try store.create(TestSupport.configMap("a", namespace: "nope"), in: TestSupport.configMaps) }
        #expect(error?.code == 404)
        #expect(error?.message == "namespaces \"nope\" not found")
    }

    @Test("creating into a terminating namespace fails with 403")
    func terminatingNamespace() throws {
        let store = try TestSupport.store(namespaces: ["default", "old"])
        let deleted = try store.delete(TestSupport.namespaces, namespace: nil, name: "old")
        #expect(deleted[path: "status", "phase"] == "Terminating")
        #expect(deleted.deletionTimestamp != nil)
        let error = #expect(throws: KubeAPIError.self) { try store.create(TestSupport.configMap("a", namespace: "old"), in: TestSupport.configMaps) }
        #expect(error?.code == 403)
        #expect(error?.message == "unable to create new content in namespace old because it is being terminated")
    }

    @Test("namespaces get the kubernetes finalizer, Active phase and name label")
    func namespaceDefaults() throws {
        let store = try TestSupport.store()
        let namespace = try store.get(TestSupport.namespaces, namespace: nil, name: "default")
        #expect(namespace[path: "spec", "finalizers"] == ["kubernetes"])
        #expect(namespace[path: "status", "phase"] == "Active")
        #expect(namespace.labels["kubernetes.io/metadata.name"] == "default")
    }

    @Test("finalizing a terminating namespace removes it")
    func finalizeNamespace() throws {
        let store = try TestSupport.store(namespaces: ["default", "old"])
        try store.delete(TestSupport.namespaces, namespace: nil, name: "old")
        var request = try store.get(TestSupport.namespaces, namespace: nil, name: "old")
        request[path: "spec", "finalizers"] = []
        _ = try store.update(request, in: TestSupport.namespaces, subresource: "finalize")
        #expect(throws: KubeAPIError.self) { try store.get(TestSupport.namespaces, namespace: nil, name: "old") }
    }

    @Test("finalizeNamespace drops the kubernetes finalizer and so removes a terminating namespace")
    func finalizeNamespaceHelper() throws {
        let store = try TestSupport.store(namespaces: ["default", "old"])
        _ = try store.create(TestSupport.configMap("left", namespace: "old"), in: TestSupport.configMaps)
        try store.delete(TestSupport.namespaces, namespace: nil, name: "old")
        let active = try store.finalizeNamespace(name: "default")
        #expect(active[path: "spec", "finalizers"] == [])
        #expect(active.deletionTimestamp == nil)
        try store.finalizeNamespace(name: "old")
        let gone = #expect(throws: KubeAPIError.self) { try store.get(TestSupport.namespaces, namespace: nil, name: "old") }
        #expect(gone?.isNotFound == true)
    }

    @Test("an update with a stale resourceVersion fails with 409 Conflict")
    func staleUpdate() throws {
        let store = try TestSupport.store()
        let created = try store.create(TestSupport.configMap("a", data: ["k": "1"]), in: TestSupport.configMaps)
        var first = created
        first["data"] = ["k": "2"]
        let updated = try store.update(first, in: TestSupport.configMaps)
        #expect(updated.resourceVersion != created.resourceVersion)
        var stale = created
        stale["data"] = ["k": "3"]
        let error = #expect(throws: KubeAPIError.self) { try store.update(stale, in: TestSupport.configMaps) }
        #expect(error?.isConflict == true)
        #expect(error?.message == "Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again")
    }

    @Test("an update that changes nothing keeps the resourceVersion")
    func noOpUpdate() throws {
        let store = try TestSupport.store()
        let created = try store.create(TestSupport.configMap("a", data: ["k": "1"]), in: TestSupport.configMaps)
        let again = try store.update(created, in: TestSupport.configMaps)
        #expect(again.resourceVersion == created.resourceVersion)
    }

    @Test("a spec change bumps generation; a status update does not and keeps spec")
    func generationBump() throws {
        let store = try TestSupport.store()
        var deployment = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "default")
        deployment.spec = ["replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                           "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "c", "image": "nginx"]]]]]
        let created = try store.create(deployment, in: TestSupport.deployments)
        let scaled = try store.modify(TestSupport.deployments, namespace: "default", name: "web") { object in
            object[path: "spec", "replicas"] = 3
        }
        #expect(scaled.generation == 2)
        var statusUpdate = scaled
        statusUpdate.status = ["replicas": 3]
        statusUpdate[path: "spec", "replicas"] = 9
        let withStatus = try store.update(statusUpdate, in: TestSupport.deployments, subresource: "status")
        #expect(withStatus.generation == 2)
        #expect(withStatus[path: "spec", "replicas"] == 3)
        #expect(withStatus[path: "status", "replicas"] == 3)
        var specUpdate = withStatus
        specUpdate.status = ["replicas": 0]
        let kept = try store.update(specUpdate, in: TestSupport.deployments)
        #expect(kept[path: "status", "replicas"] == 3)
        #expect(created.uid == kept.uid)
    }

    @Test("list returns objects sorted by namespace then name")
    func listSorted() throws {
        let store = try TestSupport.store(namespaces: ["default", "a-ns", "z-ns"])
        for (namespace, name) in [("z-ns", "b"), ("a-ns", "c"), ("default", "a"), ("a-ns", "a")] {
            _ = try store.create(TestSupport.configMap(name, namespace: namespace), in: TestSupport.configMaps)
        }
        let all = try store.list(TestSupport.configMaps, namespace: nil)
        #expect(all.items.map(\.qualifiedName) == ["a-ns/a", "a-ns/c", "default/a", "z-ns/b"])
        let one = try store.list(TestSupport.configMaps, namespace: "a-ns")
        #expect(one.items.map(\.name) == ["a", "c"])
        #expect(one.resourceVersion == String(store.currentResourceVersion))
    }
}
