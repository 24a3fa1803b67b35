import KubeCore
import KubeSimAuth
import KubeSimStorage
import Testing

@Suite("bootstrap policy")
struct BootstrapPolicyTests {
    @Test("a new cluster gets cluster-admin bound to system:masters, and an administrator's changes are kept")
    func defaultsCreatedOnceAndKept() throws {
        let store = try ObjectStore(registry: ResourceRegistry(), stateDirectory: nil)
        let bindings = try #require(store.registry.definition(for: GroupResource(group: "rbac.authorization.k8s.io", resource: "clusterrolebindings")))
        let roles = try #require(store.registry.definition(for: GroupResource(group: "rbac.authorization.k8s.io", resource: "clusterroles")))
        BootstrapPolicy.ensure(in: store)
        let binding = try store.get(bindings, namespace: nil, name: "cluster-admin")
        #expect(binding["subjects"]?.arrayValue?.first?["name"] == "system:masters")
        #expect(binding[path: "roleRef", "name"] == "cluster-admin")
        for name in ["cluster-admin", "admin", "edit", "view"] {
            #expect((try? store.get(roles, namespace: nil, name: name)) != nil, "\(name)")
        }

        try store.modify(roles, namespace: nil, name: "view") { (role: inout KubeObject) throws(KubeAPIError) in
            role.labels = ["changed-by": "admin"]
        }
        BootstrapPolicy.ensure(in: store)
        #expect(try store.get(roles, namespace: nil, name: "view").labels["changed-by"] == "admin")
    }
}
