import KubeCore
import KubeSimStorage
import Testing

@Suite("Deletion, finalizers and propagation")
struct DeletionTests {
    @Test("an object with finalizers gets a deletionTimestamp and goes when the last finalizer is removed")
    func finalizers() async throws {
        let store = try TestSupport.store()
        var input = TestSupport.configMap("guarded")
        input.finalizers = ["example.com/cleanup"]
        _ = try store.create(input, in: TestSupport.configMaps)
        let stream = try store.watch(TestSupport.configMaps, namespace: nil, options: ListOptions(resourceVersion: String(store.currentResourceVersion)))
        let pending = try store.delete(TestSupport.configMaps, namespace: "default", name: "guarded", options: DeleteOptions(gracePeriodSeconds: 30))
        #expect(pending.deletionTimestamp != nil)
        #expect(pending.metadata["deletionGracePeriodSeconds"] == 30)
        #expect(try store.get(TestSupport.configMaps, namespace: "default", name: "guarded").deletionTimestamp != nil)

        let addFinalizer = #expect(throws: KubeAPIError.self) {
            try store.modify(TestSupport.configMaps, namespace: "default", name: "guarded") { $0.finalizers.append("another") }
        }
        #expect(addFinalizer?.code == 422)

        try store.modify(TestSupport.configMaps, namespace: "default", name: "guarded") { $0.finalizers = [] }
        #expect(throws: KubeAPIError.self) { try store.get(TestSupport.configMaps, namespace: "default", name: "guarded") }
        let events = await TestSupport.collect(2, from: stream)
        #expect(events.map(\.type) == [.modified, .deleted])
    }

    @Test("foreground and orphan propagation add their finalizers; background removes at once")
    func propagation() throws {
        let store = try TestSupport.store()
        for name in ["fg", "orphan", "bg"] { _ = try store.create(TestSupport.configMap(name), in: TestSupport.configMaps) }
        let foreground = try store.delete(TestSupport.configMaps, namespace: "default", name: "fg", options: DeleteOptions(propagationPolicy: .foreground))
        #expect(foreground.finalizers == ["foregroundDeletion"] && foreground.deletionTimestamp != nil)
        let orphan = try store.delete(TestSupport.configMaps, namespace: "default", name: "orphan", options: DeleteOptions(propagationPolicy: .orphan))
        #expect(orphan.finalizers == ["orphan"])
        try store.delete(TestSupport.configMaps, namespace: "default", name: "bg", options: DeleteOptions(propagationPolicy: .background))
        #expect(try store.list(TestSupport.configMaps, namespace: "default").items.map(\.name) == ["fg", "orphan"])
    }

    @Test("delete preconditions on uid and resourceVersion fail with 409")
    func preconditions() throws {
        let store = try TestSupport.store()
        let created = try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps)
        let wrongUID = #expect(throws: KubeAPIError.self) {
            try store.delete(TestSupport.configMaps, namespace: "default", name: "a", options: DeleteOptions(preconditionUID: "nope"))
        }
        #expect(wrongUID?.code == 409)
        let wrongVersion = #expect(throws: KubeAPIError.self) {
            try store.delete(TestSupport.configMaps, namespace: "default", name: "a", options: DeleteOptions(preconditionResourceVersion: "1"))
        }
        #expect(wrongVersion?.code == 409)
        try store.delete(TestSupport.configMaps, namespace: "default", name: "a", options: DeleteOptions(preconditionUID: created.uid, preconditionResourceVersion: created.resourceVersion))
        let gone = #expect(throws: KubeAPIError.self) { try store.get(TestSupport.configMaps, namespace: "default", name: "a") }
        #expect(gone?.isNotFound == true)
    }

    @Test("a dry-run delete changes nothing")
    func dryRun() throws {
        let store = try TestSupport.store()
        _ = try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps)
        let version = store.currentResourceVersion
        try store.delete(TestSupport.configMaps, namespace: "default", name: "a", options: DeleteOptions(dryRun: true))
        #expect(store.currentResourceVersion == version)
        #expect(try store.get(TestSupport.configMaps, namespace: "default", name: "a").name == "a")
    }

    @Test("a strategy runs inside create and sees other objects through the transaction")
    func strategyHook() throws {
        struct CountingStrategy: ResourceStrategy {
            func prepareForCreate(_ object: inout KubeObject, store: StoreTransaction) throws(KubeAPIError) {
                let existing = store.list(GroupResource(group: "", resource: "configmaps"), namespace: object.namespace)
                object.annotations = ["example.com/index": String(existing.count)]
            }
        }
        let store = try TestSupport.store()
        store.addStrategy(CountingStrategy(), for: TestSupport.configMaps.groupResource)
        _ = try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps)
        let second = try store.create(TestSupport.configMap("b"), in: TestSupport.configMaps)
        #expect(second.annotations["example.com/index"] == "1")
    }
}

@Suite("Delete collection")
struct DeleteCollectionTests {
    @Test("deleteCollection removes exactly the selected objects")
    func selected() throws {
        let store = try TestSupport.store(namespaces: ["default", "other"])
        _ = try store.create(TestSupport.configMap("a", labels: ["app": "web"]), in: TestSupport.configMaps)
        _ = try store.create(TestSupport.configMap("b", labels: ["app": "db"]), in: TestSupport.configMaps)
        _ = try store.create(TestSupport.configMap("c", namespace: "other", labels: ["app": "web"]), in: TestSupport.configMaps)
        let removed = try store.deleteCollection(TestSupport.configMaps, namespace: "default", listOptions: ListOptions(labelSelector: "app=web"))
        #expect(removed.map(\.name) == ["a"])
        #expect(try store.list(TestSupport.configMaps, namespace: nil).items.map(\.qualifiedName) == ["default/b", "other/c"])
    }
}
