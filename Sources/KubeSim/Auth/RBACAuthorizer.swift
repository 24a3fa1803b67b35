import KubeCore
public import KubeSimStorage
import Synchronization

/// Authorizes requests with the Roles, ClusterRoles and their bindings stored in a cluster,
/// as Kubernetes' RBAC authorizer does.
///
/// The policy is indexed once and reused while the RBAC objects are unchanged: a decision
/// costs a few dictionary lookups. Any store change triggers a cheap fingerprint check of the
/// four RBAC resources; the index is rebuilt only when one of them really changed.
public final class RBACAuthorizer: Sendable {
    /// The group of every RBAC resource.
    public static let rbacGroup = "rbac.authorization.k8s.io"
    /// The group whose members are allowed everything.
    public static let mastersGroup = "system:masters"

    private struct Cache: Sendable {
        var storeVersion: UInt64
        var fingerprint: [Fingerprint]
        var policy: RBACPolicy
    }

    private struct Fingerprint: Sendable, Hashable {
        var count: Int
        var newestVersion: UInt64
    }

    private let store: ObjectStore
    private let cache = Mutex<Cache?>(nil)

    /// Creates an authorizer over `store`, and stores the default cluster roles and bindings
    /// (``BootstrapPolicy``) that are missing, as the API server's RBAC bootstrap does.
    public init(store: ObjectStore) {
        self.store = store
        BootstrapPolicy.ensure(in: store)
    }

    /// Decides a request. Members of `system:masters` are always allowed.
    public func authorize(_ attributes: RequestAttributes) -> AuthorizationDecision {
        if attributes.user.groups.contains(Self.mastersGroup) {
            return .allow("allowed: member of \(Self.mastersGroup)")
        }
        return currentPolicy().authorize(attributes)
    }

    /// The rules that apply to `user` in `namespace`, for SelfSubjectRulesReview.
    public func rules(for user: UserInfo, namespace: String) -> (resourceRules: [PolicyRule], nonResourceRules: [PolicyRule]) {
        if user.groups.contains(Self.mastersGroup) {
            return (
                [PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"])],
                [PolicyRule(verbs: ["*"], nonResourceURLs: ["*"])]
            )
        }
        return currentPolicy().rules(for: user, namespace: namespace)
    }

    /// The policy for the store's current state.
    public func currentPolicy() -> RBACPolicy {
        let version = store.currentResourceVersion
        let cached = cache.withLock { $0 }
        if let cached, cached.storeVersion == version { return cached.policy }

        let snapshot = listRBACObjects()
        let fingerprint = snapshot.map { objects in
            Fingerprint(count: objects.count, newestVersion: objects.lazy.compactMap { $0.resourceVersion.flatMap(UInt64.init) }.max() ?? 0)
        }
        let policy: RBACPolicy
        if let cached, cached.fingerprint == fingerprint {
            policy = cached.policy
        } else {
            policy = RBACPolicy(clusterRoles: snapshot[0], roles: snapshot[1], clusterRoleBindings: snapshot[2], roleBindings: snapshot[3])
        }
        cache.withLock { current in
            // Keep whichever entry describes the newer store state.
            if current == nil || current!.storeVersion <= version {
                current = Cache(storeVersion: version, fingerprint: fingerprint, policy: policy)
            }
        }
        return policy
    }

    /// ClusterRoles, Roles, ClusterRoleBindings, RoleBindings, in that order.
    private func listRBACObjects() -> [[KubeObject]] {
        ["clusterroles", "roles", "clusterrolebindings", "rolebindings"].map { resource in
            guard let definition = store.registry.definition(for: GroupResource(group: Self.rbacGroup, resource: resource)) else {
                return []
            }
            return (try? store.list(definition, namespace: nil).items) ?? []
        }
    }
}
