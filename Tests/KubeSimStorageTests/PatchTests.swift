import KubeCore
import KubeSimStorage
import Testing

@Suite("Patches")
struct PatchTests {
    func json(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

    @Test("patch types are recognised by content type, parameters ignored")
    func contentTypes() {
        #expect(PatchType(contentType: "application/json-patch+json") == .json)
        #expect(PatchType(contentType: "application/merge-patch+json; charset=utf-8") == .merge)
        #expect(PatchType(contentType: "application/strategic-merge-patch+json") == .strategicMerge)
        #expect(PatchType(contentType: "application/apply-patch+yaml") == .apply)
        #expect(PatchType(contentType: "application/json") == nil)
    }

    @Test("merge patch merges objects, replaces lists and deletes members set to null (RFC 7386 example)")
    func mergePatch() throws {
        let target = try json(#"{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"}"#)
        let patch = try json(#"{"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}"#)
        let expected = try json(#"{"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}"#)
        #expect(JSONMergePatch.apply(patch, to: target) == expected)
    }

    @Test("JSON patch applies add, remove, replace, move, copy and test with escaped pointers")
    func jsonPatchOperations() throws {
        let document = try json(#"{"a":{"b":[1,2,3]},"x/y":1,"m~n":2}"#)
        let patch = try json("""
            [{"op":"add","path":"/a/b/-","value":4},
             {"op":"add","path":"/a/b/0","value":0},
             {"op":"remove","path":"/a/b/1"},
             {"op":"replace","path":"/x~1y","value":10},
             {"op":"copy","from":"/m~0n","path":"/copied"},
             {"op":"move","from":"/m~0n","path":"/moved"},
             {"op":"test","path":"/a/b","value":[0,2,3,4]}]
            """)
        let result = try JSONPatch.apply(patch, to: document)
        #expect(result == (try json(#"{"a":{"b":[0,2,3,4]},"x/y":10,"copied":2,"moved":2}"#)))
    }

    @Test("a failed JSON patch test is 422; a malformed patch is 400; a missing path is 422")
    func jsonPatchFailures() throws {
        let document = try json(#"{"a":1}"#)
        let testFailure = #expect(throws: KubeAPIError.self) { try JSONPatch.apply(try json(#"[{"op":"test","path":"/a","value":2}]"#), to: document) }
        #expect(testFailure?.code == 422)
        let malformed = #expect(throws: KubeAPIError.self) { try JSONPatch.apply(try json(#"{"op":"add"}"#), to: document) }
        #expect(malformed?.code == 400)
        let unknownOp = #expect(throws: KubeAPIError.self) { try JSONPatch.apply(try json(#"[{"op":"frob","path":"/a"}]"#), to: document) }
        #expect(unknownOp?.code == 400)
        let missing = #expect(throws: KubeAPIError.self) { try JSONPatch.apply(try json(#"[{"op":"remove","path":"/b"}]"#), to: document) }
        #expect(missing?.code == 422)
        let replaceMissing = #expect(throws: KubeAPIError.self) { try JSONPatch.apply(try json(#"[{"op":"replace","path":"/b/c","value":1}]"#), to: document) }
        #expect(replaceMissing?.code == 422)
    }

    @Test("strategic merge merges containers by name and keeps the others")
    func strategicContainers() throws {
        let pod = try json(#"{"spec":{"containers":[{"name":"app","image":"app:1","env":[{"name":"A","value":"1"}]},{"name":"sidecar","image":"proxy:1"}]}}"#)
        let patch = try json(#"{"spec":{"containers":[{"name":"app","image":"app:2","env":[{"name":"B","value":"2"}]},{"name":"new","image":"new:1"}]}}"#)
        let result = try StrategicMergePatch.apply(patch, to: pod)
        let containers = try #require(result[path: ["spec", "containers"]]?.arrayValue)
        #expect(containers.map { $0["name"]?.stringValue } == ["app", "sidecar", "new"])
        #expect(containers[0]["image"] == "app:2")
        #expect(containers[0]["env"] == (try json(#"[{"name":"A","value":"1"},{"name":"B","value":"2"}]"#)))
    }

    @Test("strategic merge $patch: delete removes a list element by key; $patch: replace replaces a map")
    func strategicDirectives() throws {
        let pod = try json(#"{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"containers":[{"name":"app","image":"x"},{"name":"old","image":"y"}]}}"#)
        let delete = try json(#"{"spec":{"containers":[{"name":"old","$patch":"delete"}]}}"#)
        let afterDelete = try StrategicMergePatch.apply(delete, to: pod)
        #expect(afterDelete[path: ["spec", "containers"]]?.arrayValue?.count == 1)
        let replace = try json(#"{"metadata":{"labels":{"$patch":"replace","c":"3"}}}"#)
        #expect(try StrategicMergePatch.apply(replace, to: pod)[path: ["metadata", "labels"]] == ["c": "3"])
        let replaceList = try json(#"{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"z"}]}}"#)
        #expect(try StrategicMergePatch.apply(replaceList, to: pod)[path: ["spec", "containers"]] == (try json(#"[{"name":"only","image":"z"}]"#)))
    }

    @Test("strategic merge handles $deleteFromPrimitiveList, $setElementOrder, $retainKeys and finalizer sets")
    func strategicListDirectives() throws {
        let object = try json(#"{"metadata":{"finalizers":["a","b"]},"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},"containers":[{"name":"x","image":"1"},{"name":"y","image":"2"}]}}"#)
        let patch = try json("""
            {"metadata":{"finalizers":["c"],"$deleteFromPrimitiveList/finalizers":["a"]},
             "spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},
                     "$setElementOrder/containers":[{"name":"y"},{"name":"x"}],
                     "containers":[{"name":"x","image":"3"}]}}
            """)
        let result = try StrategicMergePatch.apply(patch, to: object)
        #expect(result[path: ["metadata", "finalizers"]] == ["b", "c"])
        #expect(result[path: ["spec", "strategy"]] == ["type": "Recreate"])
        #expect(result[path: ["spec", "containers"]] == (try json(#"[{"name":"y","image":"2"},{"name":"x","image":"3"}]"#)))
    }

    @Test("service ports merge by port and container ports by containerPort")
    func portsMergeKeys() throws {
        let service = try json(#"{"spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]}}"#)
        let patched = try StrategicMergePatch.apply(try json(#"{"spec":{"ports":[{"port":443,"targetPort":8443}]}}"#), to: service)
        #expect(patched[path: ["spec", "ports"]]?.arrayValue?.count == 2)
        #expect(patched[path: ["spec", "ports"]]?.arrayValue?[1]["targetPort"] == 8443)
    }

    @Test("store patch: strategic merge on a built-in kind; 415 for custom resources")
    func storePatch() throws {
        let store = try TestSupport.store()
        _ = try store.create(TestSupport.configMap("a", labels: ["x": "1"], data: ["k": "v"]), in: TestSupport.configMaps)
        let patched = try store.patch(
            TestSupport.configMaps, namespace: "default", name: "a", type: .strategicMerge,
            body: ["metadata": ["labels": ["y": "2"]], "data": ["k": nil]])
        #expect(patched.labels == ["x": "1", "y": "2"])
        #expect(patched["data"] == .object([:]))
        let widgets = ResourceDefinition(group: "example.com", versions: ["v1"], resource: "widgets", singular: "widget", kind: "Widget", namespaced: true)
        store.registry.register(widgets)
        _ = try store.create(KubeObject(apiVersion: "example.com/v1", kind: "Widget", name: "w", namespace: "default"), in: widgets)
        let error = #expect(throws: KubeAPIError.self) {
            try store.patch(widgets, namespace: "default", name: "w", type: .strategicMerge, body: ["spec": ["a": 1]])
        }
        #expect(error?.code == 415)
        let merged = try store.patch(widgets, namespace: "default", name: "w", type: .merge, body: ["spec": ["a": 1]])
        #expect(merged[path: "spec", "a"] == 1)
    }

    @Test("store patch with a stale resourceVersion fails with 409")
    func patchConflict() throws {
        let store = try TestSupport.store()
        _ = try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps)
        let error = #expect(throws: KubeAPIError.self) {
            try store.patch(TestSupport.configMaps, namespace: "default", name: "a", type: .merge, body: ["metadata": ["resourceVersion": "1"], "data": ["k": "v"]])
        }
        #expect(error?.isConflict == true)
    }

    @Test("server-side apply creates, then merges, and records managedFields for the manager")
    func serverSideApply() throws {
        let store = try TestSupport.store()
        let config: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "applied", "labels": ["a": "1"]], "data": ["k": "v"]]
        let created = try store.patch(TestSupport.configMaps, namespace: "default", name: "applied", type: .apply, body: config, fieldManager: "kubectl")
        #expect(created.uid != nil)
        let entries = try #require(created.metadata["managedFields"]?.arrayValue)
        #expect(entries.count == 1)
        #expect(entries[0]["manager"] == "kubectl" && entries[0]["operation"] == "Apply" && entries[0]["fieldsType"] == "FieldsV1")
        #expect(entries[0][path: ["fieldsV1", "f:data", "f:k"]] == .object([:]))
        let second: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "applied"], "data": ["k2": "v2"]]
        let updated = try store.patch(TestSupport.configMaps, namespace: "default", name: "applied", type: .apply, body: second, fieldManager: "kubectl")
        // Fields the manager applied before and no longer applies are removed.
        #expect(updated["data"] == ["k2": "v2"])
        #expect(updated.labels.isEmpty)
        #expect(updated.metadata["managedFields"]?.arrayValue?.count == 1)
        let error = #expect(throws: KubeAPIError.self) {
            try store.patch(TestSupport.configMaps, namespace: "default", name: "applied", type: .apply, body: second)
        }
        #expect(error?.code == 422)
    }

    @Test("server-side apply keeps fields another manager applied")
    func serverSideApplyOwnership() throws {
        let store = try TestSupport.store()
        let first: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "shared", "labels": ["a": "1", "b": "2"]], "data": ["x": "1"]]
        _ = try store.patch(TestSupport.configMaps, namespace: "default", name: "shared", type: .apply, body: first, fieldManager: "one")
        let second: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "shared", "labels": ["b": "2"]], "data": ["y": "2"]]
        _ = try store.patch(TestSupport.configMaps, namespace: "default", name: "shared", type: .apply, body: second, fieldManager: "two")
        let reduced: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "shared"], "data": ["x": "1"]]
        let result = try store.patch(TestSupport.configMaps, namespace: "default", name: "shared", type: .apply, body: reduced, fieldManager: "one")
        #expect(result.labels == ["b": "2"])
        #expect(result["data"] == ["x": "1", "y": "2"])
        #expect(result.metadata["managedFields"]?.arrayValue?.compactMap { $0["manager"]?.stringValue }.sorted() == ["one", "two"])
    }

    @Test("a merge patch on the scale subresource changes spec.replicas")
    func scalePatch() throws {
        let store = try TestSupport.store()
        var deployment = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "default")
        deployment.spec = ["replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                           "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "c", "image": "nginx"]]]]]
        _ = try store.create(deployment, in: TestSupport.deployments)
        let scaled = try store.patch(TestSupport.deployments, namespace: "default", name: "web", type: .merge, body: ["spec": ["replicas": 4]], subresource: "scale")
        #expect(scaled[path: "spec", "replicas"] == 4)
        let scale = ScaleView.scale(of: scaled)
        #expect(scale.kind == "Scale" && scale[path: "spec", "replicas"] == 4 && scale[path: "status", "selector"] == "app=web")
    }
}
