public import KubeCore

/// Moves an object to its destination namespace and rewrites references to source
/// namespaces inside it.
public struct MapNamespaces: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `MapNamespaces`.
    public var name: String { "MapNamespaces" }

    /// Rewrites `metadata.namespace`, the name of Namespaces and Projects, binding subjects,
    /// SCC users and groups, and PersistentVolume claim references.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard !context.namespaceMapping.isEmpty else { return .keep }
        if let namespace = object.namespace {
            object.namespace = context.destinationNamespace(for: namespace)
        }
        let group = object.groupVersion.group
        switch (group, object.kind) {
        case ("", "Namespace"), ("project.openshift.io", "Project"):
            object.name = context.destinationNamespace(for: object.name)
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
             ("authorization.openshift.io", "RoleBinding"), ("authorization.openshift.io", "ClusterRoleBinding"):
            mapSubjects(&object, context: context)
            mapNameList(&object, key: "userNames", context: context)
            mapNameList(&object, key: "groupNames", context: context)
        case ("security.openshift.io", "SecurityContextConstraints"):
            mapNameList(&object, key: "users", context: context)
            mapNameList(&object, key: "groups", context: context)
        case ("", "PersistentVolume"):
            if let namespace = object[path: "spec", "claimRef", "namespace"]?.stringValue {
                object[path: "spec", "claimRef", "namespace"] = .string(context.destinationNamespace(for: namespace))
            }
        default:
            break
        }
        return .keep
    }

    private func mapSubjects(_ object: inout KubeObject, context: MigrationTransformContext) {
        guard case .array(var subjects)? = object["subjects"] else { return }
        for index in subjects.indices {
            guard case .object(var subject) = subjects[index] else { continue }
            if subject["kind"]?.stringValue == "ServiceAccount", let namespace = subject["namespace"]?.stringValue {
                subject["namespace"] = .string(context.destinationNamespace(for: namespace))
            }
            if let name = subject["name"]?.stringValue {
                subject["name"] = .string(Self.mapServiceAccountIdentity(name, context: context))
            }
            subjects[index] = .object(subject)
        }
        object["subjects"] = .array(subjects)
    }

    private func mapNameList(_ object: inout KubeObject, key: String, context: MigrationTransformContext) {
        guard case .array(let names)? = object[key] else { return }
        object[key] = .array(names.map { name in
            guard let text = name.stringValue else { return name }
            return .string(Self.mapServiceAccountIdentity(text, context: context))
        })
    }

    /// Maps the namespace inside `system:serviceaccount:<ns>:<name>` and
    /// `system:serviceaccounts:<ns>`; other names are returned unchanged.
    static func mapServiceAccountIdentity(_ identity: String, context: MigrationTransformContext) -> String {
        let userPrefix = "system:serviceaccount:"
        let groupPrefix = "system:serviceaccounts:"
        if identity.hasPrefix(userPrefix) {
            let rest = identity.dropFirst(userPrefix.count)
            guard let colon = rest.firstIndex(of: ":") else { return identity }
            let namespace = String(rest[..<colon])
            return userPrefix + context.destinationNamespace(for: namespace) + rest[colon...]
        }
        if identity.hasPrefix(groupPrefix) {
            let namespace = String(identity.dropFirst(groupPrefix.count))
            return groupPrefix + context.destinationNamespace(for: namespace)
        }
        return identity
    }
}
