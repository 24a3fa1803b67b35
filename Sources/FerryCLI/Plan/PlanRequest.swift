public import FerryAPI
import KubeCore

/// What `ferry plan create` asks for, checked before anything is written to a cluster.
public struct PlanRequest: Sendable, Hashable {
    /// The plan's name.
    public var name: String
    /// The namespace the plan and its clusters live in.
    public var namespace: String
    /// The source cluster's kubeconfig context.
    public var sourceContext: String
    /// The destination cluster's kubeconfig context.
    public var destinationContext: String
    /// Namespaces, each `src` or `src:dest`.
    public var namespaces: [String]
    /// Kinds to include, each `Kind` (core group) or `Kind.group`.
    public var includedResources: [String]
    /// A label selector in query syntax, such as `app=shop,tier!=cache`.
    public var selector: String?
    /// What to do with every persistent volume: `copy`, `move` or `skip`.
    public var persistentVolumeAction: String?

    /// Creates a request.
    public init(
        name: String, namespace: String = MigrationAPI.defaultNamespace, sourceContext: String, destinationContext: String,
        namespaces: [String], includedResources: [String] = [], selector: String? = nil, persistentVolumeAction: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.sourceContext = sourceContext
        self.destinationContext = destinationContext
        self.namespaces = namespaces
        self.includedResources = includedResources
        self.selector = selector
        self.persistentVolumeAction = persistentVolumeAction
    }

    /// The volume actions MTC knows.
    public static let persistentVolumeActions = ["copy", "move", "skip"]

    /// The plan's spec, referring to the given MigClusters.
    public func spec(source: MigrationObjectReference, destination: MigrationObjectReference) throws(FerryCLIError) -> MigPlan.Spec {
        try ResourceName.check(name, what: "plan name")
        guard !namespaces.isEmpty else {
            throw FerryCLIError(code: "no-namespaces", message: "plan \(name): no namespace given; name at least one with -n NAMESPACE[:DESTINATION]")
        }
        var spec = MigPlan.Spec()
        spec.srcMigClusterRef = source
        spec.destMigClusterRef = destination
        spec.namespaces = try namespaces.map { entry throws(FerryCLIError) in try Self.checkedNamespaceEntry(entry, plan: name) }
        if !includedResources.isEmpty {
            spec.includedResources = try includedResources.map { entry throws(FerryCLIError) in try Self.groupKind(entry, plan: name) }
        }
        if let selector, !selector.isEmpty {
            spec.labelSelector = try PlanSelector.json(selector, plan: name)
        }
        if let action = persistentVolumeAction, !Self.persistentVolumeActions.contains(action) {
            throw FerryCLIError(
                code: "invalid-pv-action",
                message: "plan \(name): --pv-action \(action) is not one of \(Self.persistentVolumeActions.joined(separator: ", "))")
        }
        return spec
    }

    static func checkedNamespaceEntry(_ entry: String, plan: String) throws(FerryCLIError) -> String {
        let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else {
            throw FerryCLIError(code: "invalid-namespace", message: "plan \(plan): namespace \"\(entry)\" has more than one ':'; write SOURCE or SOURCE:DESTINATION")
        }
        for part in parts {
            try ResourceName.checkLabel(part, what: "namespace \"\(entry)\" of plan \(plan)")
        }
        return parts.count == 2 && parts[0] == parts[1] ? parts[0] : entry
    }

    static func groupKind(_ entry: String, plan: String) throws(FerryCLIError) -> MigPlan.GroupKindReference {
        let parts = entry.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let kind = parts.first, !kind.isEmpty, kind.allSatisfy({ $0.isLetter || $0.isNumber }), parts.count == 1 || !parts[1].isEmpty else {
            throw FerryCLIError(
                code: "invalid-include",
                message: "plan \(plan): --include \"\(entry)\" is not KIND or KIND.group (such as ConfigMap or Deployment.apps)")
        }
        return MigPlan.GroupKindReference(group: parts.count == 2 ? parts[1] : "", kind: kind)
    }
}
