import KubeClient
import KubeCore
import Testing

@Suite("Manifests")
struct ManifestsTests {
    @Test("multi-document YAML yields each object, skipping empty documents")
    func multiDocumentYAML() throws {
        let objects = try Manifests.decode(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, namespace: x}
            data: {replicas: "3", enabled: "true"}
            ---
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: b}
            spec: {replicas: 3, paused: false}
            """)
        #expect(objects.map(\.kind) == ["ConfigMap", "Deployment"])
        #expect(objects[0]["data"]?["replicas"] == .string("3"))
        #expect(objects[1][path: "spec", "replicas"] == .int(3))
        #expect(objects[1][path: "spec", "paused"] == .bool(false))
    }

    @Test("a JSON List is expanded into its items")
    func jsonList() throws {
        let objects = try Manifests.decode(
            #"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}]}"#)
        #expect(objects.count == 1)
        #expect(objects[0].name == "s")
    }

    @Test("a document without a kind is rejected, naming the source and the document")
    func missingKind() {
        #expect {
            try Manifests.decode("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nmetadata: {name: b}\n", source: "app.yaml")
        } throws: { error in
            (error as? KubeClientError)?.message == "app.yaml: document 2 has no apiVersion or kind; every object needs both"
        }
    }
}
