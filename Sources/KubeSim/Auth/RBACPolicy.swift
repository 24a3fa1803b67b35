public import KubeCore

/// The RBAC objects of a cluster at one moment, indexed by subject so that one decision
/// touches only the rules bound to the requesting user and its groups.
///
/// Built from plain objects, so it can be evaluated without a store; ``RBACAuthorizer``
/// keeps one current for its store.
public struct RBACPolicy: Sendable {
    /// The rules one binding grants, with the text that explains an allowed decision.
    struct Grant: Sendable {
        var reason: String
        var rules: [PolicyRule]
    }

    /// Grants by the user names and group names of their subjects.
    struct SubjectIndex: Sendable {
        var byUser: [String: [Grant]] = [:]
        var byGroup: [String: [Grant]] = [:]

        func grants(for user: UserInfo) -> [Grant] {
            var result = byUser[user.name] ?? []
            for group in user.groups {
                if let grants = byGroup[group] { result += grants }
            }
            return result
        }
    }

    private var clusterGrants = SubjectIndex()
    private var namespaceGrants: [String: SubjectIndex] = [:]

    /// The rules of every ClusterRole, aggregation resolved, by name.
    public private(set) var clusterRoleRules: [String: [PolicyRule]] = [:]

    /// Builds a policy from ClusterRoles, Roles, ClusterRoleBindings and RoleBindings.
    public init(clusterRoles: [KubeObject], roles: [KubeObject], clusterRoleBindings: [KubeObject], roleBindings: [KubeObject]) {
        clusterRoleRules = Self.resolveAggregation(clusterRoles)
        var roleRules: [String: [String: [PolicyRule]]] = [:]
        for role in roles {
            roleRules[role.namespace ?? "", default: [:]][role.name] = Self.rules(of: role)
        }
        for binding in clusterRoleBindings {
            guard Self.roleRefKind(binding) == "ClusterRole", let name = Self.roleRefName(binding),
                let rules = clusterRoleRules[name]
            else { continue }
            Self.index(binding, kindName: "ClusterRoleBinding", roleText: "ClusterRole \"\(name)\"", rules: rules, namespace: "", into: &clusterGrants)
        }
        for binding in roleBindings {
            let namespace = binding.namespace ?? ""
            guard let name = Self.roleRefName(binding) else { continue }
            let rules: [PolicyRule]?
            let roleText: String
            switch Self.roleRefKind(binding) {
            case "ClusterRole":
                rules = clusterRoleRules[name]
                roleText = "ClusterRole \"\(name)\""
            case "Role":
                rules = roleRules[namespace]?[name]
                roleText = "Role \"\(name)\""
            default:
                continue
            }
            guard let rules else { continue }
            Self.index(binding, kindName: "RoleBinding", roleText: roleText, rules: rules, namespace: namespace, into: &namespaceGrants[namespace, default: SubjectIndex()])
        }
    }

    /// Decides a request: allowed when a rule bound to the user, or a group of it, in the
    /// cluster or in the request's namespace grants it.
    public func authorize(_ attributes: RequestAttributes) -> AuthorizationDecision {
        for grant in clusterGrants.grants(for: attributes.user) where grant.rules.contains(where: { $0.allows(attributes) }) {
            return .allow(grant.reason)
        }
        if attributes.isResourceRequest, !attributes.namespace.isEmpty, let index = namespaceGrants[attributes.namespace] {
            for grant in index.grants(for: attributes.user) where grant.rules.contains(where: { $0.allows(attributes) }) {
                return .allow(grant.reason)
            }
        }
        return .noOpinion
    }

    /// Every rule that applies to `user` in `namespace`, split into resource and
    /// non-resource rules, as SelfSubjectRulesReview reports them.
    public func rules(for user: UserInfo, namespace: String) -> (resourceRules: [PolicyRule], nonResourceRules: [PolicyRule]) {
        var grants = clusterGrants.grants(for: user)
        if !namespace.isEmpty, let index = namespaceGrants[namespace] {
            grants += index.grants(for: user)
        }
        var resourceRules: [PolicyRule] = []
        var nonResourceRules: [PolicyRule] = []
        var seen: Set<PolicyRule> = []
        for rule in grants.lazy.flatMap(\.rules) where seen.insert(rule).inserted {
            if !rule.resources.isEmpty { resourceRules.append(rule) }
            if !rule.nonResourceURLs.isEmpty { nonResourceRules.append(rule) }
        }
        return (resourceRules, nonResourceRules)
    }
}

extension RBACPolicy {
    static func rules(of role: KubeObject) -> [PolicyRule] {
        role["rules"]?.arrayValue?.map(PolicyRule.init(json:)) ?? []
    }

    static func roleRefKind(_ binding: KubeObject) -> String? {
        binding[path: "roleRef", "kind"]?.stringValue
    }

    static func roleRefName(_ binding: KubeObject) -> String? {
        binding[path: "roleRef", "name"]?.stringValue
    }

    private static func index(
        _ binding: KubeObject, kindName: String, roleText: String, rules: [PolicyRule], namespace: String,
        into index: inout SubjectIndex
    ) {
        for subject in binding["subjects"]?.arrayValue ?? [] {
            guard let kind = subject["kind"]?.stringValue, let name = subject["name"]?.stringValue else { continue }
            let reason = "RBAC: allowed by \(kindName) \"\(binding.name)\"\(namespace.isEmpty ? "" : " in namespace \"\(namespace)\"") of \(roleText) to \(kind) \"\(name)\""
            let grant = Grant(reason: reason, rules: rules)
            switch kind {
            case "User":
                index.byUser[name, default: []].append(grant)
            case "Group":
                index.byGroup[name, default: []].append(grant)
            case "ServiceAccount":
                let saNamespace = subject["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? namespace
                guard !saNamespace.isEmpty else { continue }
                index.byUser[ServiceAccountName.userName(namespace: saNamespace, name: name), default: []].append(grant)
            default:
                continue
            }
        }
    }

    /// The rules of each ClusterRole with `aggregationRule` roles given the union of the roles
    /// their selectors match, transitively (as the aggregation controller converges to).
    static func resolveAggregation(_ clusterRoles: [KubeObject]) -> [String: [PolicyRule]] {
        var byName: [String: KubeObject] = [:]
        for role in clusterRoles { byName[role.name] = role }
        var resolved: [String: [PolicyRule]] = [:]

        func resolve(_ name: String, visiting: inout Set<String>) -> [PolicyRule] {
            if let done = resolved[name] { return done }
            guard let role = byName[name] else { return [] }
            var rules = rules(of: role)
            if let selectors = role[path: "aggregationRule", "clusterRoleSelectors"]?.arrayValue, visiting.insert(name).inserted {
                // An invalid selector selects nothing.
                let matchers = selectors.compactMap { try? LabelSelector(json: $0) }
                for other in clusterRoles.sorted(by: { $0.name < $1.name }) where other.name != name {
                    guard matchers.contains(where: { $0.matches(other.labels) }) else { continue }
                    for rule in resolve(other.name, visiting: &visiting) where !rules.contains(rule) {
                        rules.append(rule)
                    }
                }
                visiting.remove(name)
            }
            resolved[name] = rules
            return rules
        }

        for role in clusterRoles {
            var visiting: Set<String> = []
            _ = resolve(role.name, visiting: &visiting)
        }
        return resolved
    }
}
