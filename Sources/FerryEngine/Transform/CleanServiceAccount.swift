public import KubeCore

/// Removes the token and registry Secrets the source generated from a ServiceAccount's lists;
/// those Secrets are not migrated and the destination generates its own.
public struct CleanServiceAccount: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `CleanServiceAccount`.
    public var name: String { "CleanServiceAccount" }

    /// Removes `<sa>-token-*` and `<sa>-dockercfg-*` entries from `secrets` and `imagePullSecrets`.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard object.kind == "ServiceAccount", object.groupVersion.group.isEmpty else { return .keep }
        let prefixes = ["\(object.name)-token-", "\(object.name)-dockercfg-"]
        for list in ["secrets", "imagePullSecrets"] {
            guard case .array(let entries)? = object[list] else { continue }
            let kept = entries.filter { entry in
                let name = entry["name"]?.stringValue ?? ""
                return !prefixes.contains { name.hasPrefix($0) }
            }
            guard kept.count != entries.count else { continue }
            object[list] = kept.isEmpty ? nil : .array(kept)
        }
        return .keep
    }
}
