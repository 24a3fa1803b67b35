import KubeCore
import KubeSimAuth
import Testing

@Suite("RBAC policy evaluation")
struct RBACPolicyTests {
    typealias F = RBACFixtures

    func listPods(_ user: UserInfo, in namespace: String) -> RequestAttributes {
        RequestAttributes(user: user, verb: "list", resource: "pods", namespace: namespace)
    }

    @Test("a RoleBinding to a Role grants only in the binding's namespace")
    func roleBindingScope() {
        let policy = RBACPolicy(
            clusterRoles: [], roles: [F.role("reader", namespace: "app", rules: [F.podReader])],
            clusterRoleBindings: [], roleBindings: [F.binding("read", namespace: "app", roleKind: "Role", role: "reader", subjects: [F.user("alice")])])
        let alice = UserInfo(name: "alice")
        let decision = policy.authorize(listPods(alice, in: "app"))
        #expect(decision.allowed)
        #expect(decision.reason.contains("RoleBinding \"read\""))
        #expect(!policy.authorize(listPods(alice, in: "other")).allowed)
        #expect(!policy.authorize(listPods(alice, in: "")).allowed, "a namespaced grant never covers the cluster scope")
    }

    @Test("a RoleBinding to a ClusterRole grants the role's rules in one namespace; a ClusterRoleBinding everywhere")
    func clusterRoleScopes() {
        let policy = RBACPolicy(
            clusterRoles: [F.role("pod-reader", rules: [F.podReader])], roles: [],
            clusterRoleBindings: [F.binding("global", role: "pod-reader", subjects: [F.user("carol")])],
            roleBindings: [F.binding("local", namespace: "app", role: "pod-reader", subjects: [F.user("bob")])])
        let bob = UserInfo(name: "bob"), carol = UserInfo(name: "carol")
        #expect(policy.authorize(listPods(bob, in: "app")).allowed)
        #expect(!policy.authorize(listPods(bob, in: "db")).allowed)
        #expect(policy.authorize(listPods(carol, in: "db")).allowed)
        #expect(policy.authorize(listPods(carol, in: "")).allowed)
    }

    @Test("a RoleBinding to a Role of another namespace grants nothing")
    func roleOfOtherNamespace() {
        let policy = RBACPolicy(
            clusterRoles: [], roles: [F.role("reader", namespace: "db", rules: [F.podReader])],
            clusterRoleBindings: [], roleBindings: [F.binding("read", namespace: "app", roleKind: "Role", role: "reader", subjects: [F.user("alice")])])
        #expect(!policy.authorize(listPods(UserInfo(name: "alice"), in: "app")).allowed)
    }

    @Test("a ServiceAccount subject without a namespace means the binding's namespace")
    func serviceAccountSubjectNamespace() {
        let policy = RBACPolicy(
            clusterRoles: [F.role("pod-reader", rules: [F.podReader])], roles: [], clusterRoleBindings: [],
            roleBindings: [
                F.binding("implicit", namespace: "app", role: "pod-reader", subjects: [F.serviceAccount("builder")]),
                F.binding("explicit", namespace: "app", role: "pod-reader", subjects: [F.serviceAccount("deployer", namespace: "ci")]),
            ])
        let builder = Authenticator.serviceAccountUser(namespace: "app", name: "builder", uid: "1")
        let builderElsewhere = Authenticator.serviceAccountUser(namespace: "ci", name: "builder", uid: "2")
        let deployer = Authenticator.serviceAccountUser(namespace: "ci", name: "deployer", uid: "3")
        #expect(policy.authorize(listPods(builder, in: "app")).allowed)
        #expect(!policy.authorize(listPods(builderElsewhere, in: "app")).allowed)
        #expect(policy.authorize(listPods(deployer, in: "app")).allowed, "a service account of another namespace bound here")
    }

    @Test("groups of the user are subjects too, service-account groups included")
    func groupSubjects() {
        let policy = RBACPolicy(
            clusterRoles: [F.role("pod-reader", rules: [F.podReader])], roles: [],
            clusterRoleBindings: [F.binding("ci-accounts", role: "pod-reader", subjects: [F.group("system:serviceaccounts:ci")])],
            roleBindings: [F.binding("devs", namespace: "app", role: "pod-reader", subjects: [F.group("developers")])])
        #expect(policy.authorize(listPods(UserInfo(name: "dan", groups: ["developers"]), in: "app")).allowed)
        #expect(!policy.authorize(listPods(UserInfo(name: "dan"), in: "app")).allowed)
        #expect(policy.authorize(listPods(Authenticator.serviceAccountUser(namespace: "ci", name: "any", uid: ""), in: "prod")).allowed)
        #expect(!policy.authorize(listPods(Authenticator.serviceAccountUser(namespace: "app", name: "any", uid: ""), in: "prod")).allowed)
    }

    @Test("an aggregated ClusterRole carries the rules of the roles its selectors match, transitively")
    func aggregation() {
        let policy = RBACPolicy(clusterRoles: BootstrapPolicy.clusterRoles, roles: [], clusterRoleBindings: [], roleBindings: [])
        let admin = policy.clusterRoleRules["admin"] ?? []
        let view = policy.clusterRoleRules["view"] ?? []
        let grantsAdmin = { (verb: String, group: String, resource: String) in
            admin.contains { $0.allows(RequestAttributes(user: UserInfo(name: "x"), verb: verb, group: group, resource: resource, namespace: "n")) }
        }
        #expect(grantsAdmin("create", "rbac.authorization.k8s.io", "rolebindings"))
        #expect(grantsAdmin("delete", "apps", "deployments"), "edit's rules reach admin")
        #expect(grantsAdmin("watch", "", "pods"), "view's rules reach admin through edit")
        #expect(!view.contains { $0.allows(RequestAttributes(user: UserInfo(name: "x"), verb: "get", resource: "secrets", namespace: "n")) })
    }

    @Test("rules for a user gather cluster-wide and namespace rules, split by kind")
    func rulesForUser() {
        let policy = RBACPolicy(
            clusterRoles: BootstrapPolicy.clusterRoles, roles: [F.role("reader", namespace: "app", rules: [F.podReader])],
            clusterRoleBindings: BootstrapPolicy.clusterRoleBindings,
            roleBindings: [F.binding("read", namespace: "app", roleKind: "Role", role: "reader", subjects: [F.user("alice")])])
        let alice = UserInfo(name: "alice", groups: ["system:authenticated"])
        let inApp = policy.rules(for: alice, namespace: "app")
        #expect(inApp.resourceRules.contains(F.podReader))
        #expect(inApp.resourceRules.contains { $0.resources.contains("selfsubjectaccessreviews") })
        #expect(inApp.nonResourceRules.contains { $0.nonResourceURLs.contains("/version") })
        #expect(!policy.rules(for: alice, namespace: "db").resourceRules.contains(F.podReader))
    }
}
