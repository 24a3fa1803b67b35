import KubeCore
import KubeSimAuth
import Testing

@Suite("RBAC authorizer over a store")
struct RBACAuthorizerTests {
    typealias F = RBACFixtures

    @Test("members of system:masters may do anything")
    func masters() throws {
        let cluster = try AuthTestCluster()
        let admin = try #require(cluster.authenticator.authenticate(token: AuthTestCluster.adminToken))
        #expect(cluster.authorizer.authorize(RequestAttributes(user: admin, verb: "delete", resource: "nodes", name: "n1")).allowed)
        #expect(cluster.authorizer.authorize(RequestAttributes(user: admin, verb: "post", nonResourcePath: "/anything")).allowed)
    }

    @Test("the bootstrap policy lets every authenticated user discover the API and review itself, nothing more")
    func bootstrapPolicy() throws {
        let cluster = try AuthTestCluster()
        let user = AuthTestCluster.restrictedUser
        #expect(cluster.authorizer.authorize(RequestAttributes(user: user, verb: "get", nonResourcePath: "/apis/apps/v1")).allowed)
        #expect(cluster.authorizer.authorize(RequestAttributes(user: user, verb: "create", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews")).allowed)
        #expect(!cluster.authorizer.authorize(RequestAttributes(user: user, verb: "list", resource: "pods", namespace: "app")).allowed)
        let stored = try cluster.store.get(cluster.definition("clusterroles", group: RBACAuthorizer.rbacGroup), namespace: nil, name: "cluster-admin")
        #expect(stored.labels["kubernetes.io/bootstrapping"] == "rbac-defaults")
    }

    @Test("decisions follow bindings as they are created and deleted")
    func followsStoreChanges() throws {
        let cluster = try AuthTestCluster()
        let user = AuthTestCluster.restrictedUser
        let listPods = RequestAttributes(user: user, verb: "list", resource: "pods", namespace: "app")
        #expect(!cluster.authorizer.authorize(listPods).allowed)

        try cluster.createRBAC(F.role("reader", namespace: "app", rules: [F.podReader]))
        try cluster.createRBAC(F.binding("read", namespace: "app", roleKind: "Role", role: "reader", subjects: [F.user(user.name)]))
        #expect(cluster.authorizer.authorize(listPods).allowed)

        // Unrelated writes leave the decision alone.
        try cluster.create("configmaps", KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "app"))
        #expect(cluster.authorizer.authorize(listPods).allowed)

        try cluster.delete("rolebindings", group: RBACAuthorizer.rbacGroup, namespace: "app", name: "read")
        #expect(!cluster.authorizer.authorize(listPods).allowed)
    }

    @Test("a service account is authorized by the Role its RoleBinding names")
    func serviceAccountRole() throws {
        let cluster = try AuthTestCluster()
        let uid = try #require(try cluster.createServiceAccount("builder").uid)
        try cluster.createRBAC(F.role("reader", namespace: "app", rules: [F.podReader]))
        try cluster.createRBAC(F.binding("read", namespace: "app", roleKind: "Role", role: "reader", subjects: [F.serviceAccount("builder")]))
        let token = cluster.authenticator.issueServiceAccountToken(namespace: "app", name: "builder", uid: uid).token
        let user = try #require(cluster.authenticator.authenticate(token: token))
        #expect(cluster.authorizer.authorize(RequestAttributes(user: user, verb: "get", resource: "pods", namespace: "app", name: "web")).allowed)
        #expect(!cluster.authorizer.authorize(RequestAttributes(user: user, verb: "delete", resource: "pods", namespace: "app", name: "web")).allowed)
    }
}

@Test("the stored aggregated bootstrap roles carry the rules they aggregate")
func storedAggregatedRoles() throws {
    let cluster = try AuthTestCluster()
    let admin = try cluster.store.get(cluster.definition("clusterroles", group: RBACAuthorizer.rbacGroup), namespace: nil, name: "admin")
    let rules = (admin["rules"]?.arrayValue ?? []).map(PolicyRule.init(json:))
    #expect(rules.contains { $0.resources.contains("rolebindings") })
    #expect(rules.contains { $0.resources.contains("deployments") && $0.verbs.contains("create") })
    #expect(admin["aggregationRule"] != nil)
}
