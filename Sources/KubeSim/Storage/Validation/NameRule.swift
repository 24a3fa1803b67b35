import KubeCore

/// The object-name rules of kube-apiserver, with its messages.
enum NameRule {
    /// Lowercase RFC 1123 subdomain (most kinds).
    case subdomain
    /// Lowercase RFC 1123 label (namespaces).
    case label
    /// RFC 1035 label (services).
    case dns1035Label
    /// Any path segment: no `/` or `%`, not `.` or `..` (RBAC kinds, whose names hold `:`).
    case pathSegment

    static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    static let dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    static func forResource(_ resource: GroupResource) -> NameRule {
        switch (resource.group, resource.resource) {
        case ("", "namespaces"): return .label
        case ("", "services"): return .dns1035Label
        case ("rbac.authorization.k8s.io", _), ("authorization.openshift.io", _), ("security.openshift.io", _): return .pathSegment
        default: return .subdomain
        }
    }

    /// Why `name` breaks this rule, as kube words it; `nil` when it is fine.
    func problems(_ name: String) -> [String] {
        switch self {
        case .subdomain:
            var problems: [String] = []
            if name.utf8.count > 253 { problems.append("must be no more than 253 characters") }
            if !LabelSyntax.isDNSSubdomain(Substring(name)) { problems.append(Self.subdomainMessage) }
            return problems
        case .label:
            var problems: [String] = []
            if name.utf8.count > 63 { problems.append("must be no more than 63 characters") }
            if !LabelSyntax.isDNSLabel(Substring(name)) { problems.append(Self.labelMessage) }
            return problems
        case .dns1035Label:
            var problems: [String] = []
            if name.utf8.count > 63 { problems.append("must be no more than 63 characters") }
            let startsWithLetter = name.first.map { $0 >= "a" && $0 <= "z" } ?? false
            if !LabelSyntax.isDNSLabel(Substring(name)) || !startsWithLetter { problems.append(Self.dns1035Message) }
            return problems
        case .pathSegment:
            if name == "." || name == ".." { return ["may not be '\(name)'"] }
            if name.contains("/") { return ["may not contain '/'"] }
            if name.contains("%") { return ["may not contain '%'"] }
            return []
        }
    }
}
