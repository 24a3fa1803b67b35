public import KubeCore

/// One rule of a Role or ClusterRole, read from its JSON.
public struct PolicyRule: Sendable, Hashable {
    /// Verbs the rule grants; `*` for all.
    public var verbs: [String]
    /// API groups; `*` for all, `""` for the core group.
    public var apiGroups: [String]
    /// Resources: `pods`, `pods/log`, `*`, `*/scale`.
    public var resources: [String]
    /// Object names the rule is limited to; empty for all.
    public var resourceNames: [String]
    /// Non-resource paths: exact, `prefix*`, or `*`.
    public var nonResourceURLs: [String]

    /// Creates a rule.
    public init(verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [], nonResourceURLs: [String] = []) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    /// Reads a rule from its JSON form; missing lists are empty.
    public init(json: JSONValue) {
        func strings(_ key: String) -> [String] {
            json[key]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        self.init(
            verbs: strings("verbs"), apiGroups: strings("apiGroups"), resources: strings("resources"),
            resourceNames: strings("resourceNames"), nonResourceURLs: strings("nonResourceURLs"))
    }

    /// The rule in its JSON form, with empty lists left out.
    public var json: JSONValue {
        var members: JSONObject = ["verbs": .array(verbs.map(JSONValue.string))]
        if !apiGroups.isEmpty { members["apiGroups"] = .array(apiGroups.map(JSONValue.string)) }
        if !resources.isEmpty { members["resources"] = .array(resources.map(JSONValue.string)) }
        if !resourceNames.isEmpty { members["resourceNames"] = .array(resourceNames.map(JSONValue.string)) }
        if !nonResourceURLs.isEmpty { members["nonResourceURLs"] = .array(nonResourceURLs.map(JSONValue.string)) }
        return .object(members)
    }

    /// Whether the rule grants the request, with the semantics of Kubernetes' RBAC.
    public func allows(_ attributes: RequestAttributes) -> Bool {
        guard matchesVerb(attributes.verb) else { return false }
        if attributes.isResourceRequest {
            return matchesGroup(attributes.group)
                && matchesResource(attributes.resource, subresource: attributes.subresource)
                && matchesName(attributes.name)
        }
        return matchesNonResourceURL(attributes.path)
    }

    func matchesVerb(_ verb: String) -> Bool {
        verbs.contains("*") || verbs.contains(verb)
    }

    func matchesGroup(_ group: String) -> Bool {
        apiGroups.contains("*") || apiGroups.contains(group)
    }

    func matchesResource(_ resource: String, subresource: String) -> Bool {
        let requested = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        for ruleResource in resources {
            if ruleResource == "*" || ruleResource == requested { return true }
            if !subresource.isEmpty && ruleResource == "*/\(subresource)" { return true }
        }
        return false
    }

    func matchesName(_ name: String) -> Bool {
        // A rule limited to names cannot grant a request without one (create, list).
        resourceNames.isEmpty || resourceNames.contains(name)
    }

    func matchesNonResourceURL(_ path: String) -> Bool {
        for url in nonResourceURLs {
            if url == "*" || url == path { return true }
            if url.hasSuffix("*") && path.hasPrefix(url.dropLast()) { return true }
        }
        return false
    }
}
