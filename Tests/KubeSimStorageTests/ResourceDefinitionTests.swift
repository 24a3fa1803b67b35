import Testing
import KubeSimStorage

@Test("a definition names its apiVersion by group")
func definitionAPIVersion() {
    let core = ResourceDefinition(group: "", versions: ["v1"], resource: "pods", singular: "pod", kind: "Pod", namespaced: true)
    let apps = ResourceDefinition(group: "apps", versions: ["v1"], resource: "deployments", singular: "deployment", kind: "Deployment", namespaced: true)
    #expect(core.apiVersion("v1") == "v1")
    #expect(apps.apiVersion("v1") == "apps/v1")
    #expect(apps.groupResource.description == "deployments.apps")
}
