import FerryAPI
import FerryCLI
import KubeClient
import KubeCore
import Testing

@Suite("ferry install")
struct InstallTests {
    @Test("printed manifests read back as the CRDs, RBAC and the controller's Deployment")
    func printedManifestsDecode() throws {
        let manifests = InstallManifests(namespace: "openshift-migration", image: "registry.example/ferry:1.0")
        let text = YAMLRenderer.render(documents: manifests.objects)
        let objects = try Manifests.decode(text, source: "install")
        #expect(objects == manifests.objects)
        let kinds = objects.map(\.kind)
        #expect(kinds.filter { $0 == "CustomResourceDefinition" }.count == MigrationResourceType.all.count)
        #expect(Array(kinds.suffix(5)) == ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment"])
        let deployment = try #require(objects.last)
        let container = try #require(deployment[path: "spec", "template", "spec", "containers"]?.arrayValue?.first)
        #expect(container["image"]?.stringValue == "registry.example/ferry:1.0")
        #expect(container["command"]?.arrayValue?.compactMap(\.stringValue).prefix(4) == ["ferry", "controller", "--namespace", "openshift-migration"])
        let role = objects[objects.count - 3]
        let rules = try #require(role["rules"]?.arrayValue)
        #expect(rules.contains { $0["apiGroups"] == ["migration.openshift.io"] && $0["verbs"] == ["*"] })
        let binding = objects[objects.count - 2]
        #expect(binding[path: "subjects"]?.arrayValue?.first?["name"]?.stringValue == InstallManifests.controllerName)
        #expect(binding[path: "roleRef", "name"] == role["metadata"]?["name"])
    }

    @Test("strings that look like other types stay strings in YAML")
    func yamlKeepsStringTypes() throws {
        let value: JSONValue = ["a": "true", "b": "10", "c": "", "d": "line1\nline2", "e": 10, "f": true, "g": "yes", "h": "plain text"]
        var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "x")
        object["data"] = value
        let decoded = try Manifests.decode(YAMLRenderer.render(documents: [object]), source: "yaml")
        #expect(decoded == [object])
    }

    @Test("installing on a cluster serves every migration kind and is repeatable", .timeLimit(.minutes(1)))
    func installServesKinds() async throws {
        try await withHostCluster { _, client in
            let installer = Installer(client: client)
            var lines: [String] = []
            try await installer.install(InstallManifests()) { lines.append($0) }
            try await installer.install(InstallManifests())
            #expect(lines.contains("custom resource definitions established"))
            #expect(lines.last == "deployment/migration-controller applied")
            let mapper = try await client.resourceMapper(refresh: true)
            for type in MigrationResourceType.all {
                #expect(mapper.resolve(type.plural)?.kind == type.kind)
            }
            let deployment = try await client.get(apiVersion: "apps/v1", kind: "Deployment", name: "migration-controller", namespace: "openshift-migration")
            #expect(deployment[path: "spec", "template", "spec", "serviceAccountName"]?.stringValue == "migration-controller")
            let plan = MigPlan(name: "probe", spec: MigPlan.Spec())
            let created = try await client.create(plan.encoded())
            #expect(created.uid != nil)
        }
    }
}
