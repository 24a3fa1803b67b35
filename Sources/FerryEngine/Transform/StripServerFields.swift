public import KubeCore

/// Removes the fields the source API server set, which the destination must set itself.
public struct StripServerFields: ObjectTransform {
    /// Metadata members the server owns.
    public static let serverMetadataFields = [
        "uid", "selfLink", "resourceVersion", "creationTimestamp", "generation", "managedFields",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ]

    /// Creates the transform.
    public init() {}

    /// `StripServerFields`.
    public var name: String { "StripServerFields" }

    /// Removes server-owned metadata, `status`, and the status of StatefulSet claim templates.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        var metadata = object.metadata
        for field in Self.serverMetadataFields { metadata[field] = nil }
        object.metadata = metadata
        object.removeMember(at: "status")
        if case .array(var templates)? = object[path: "spec", "volumeClaimTemplates"] {
            // A StatefulSet stores whole claims here; their status and server metadata are stale too.
            for index in templates.indices {
                guard case .object(var template) = templates[index] else { continue }
                template["status"] = nil
                if case .object(var templateMetadata)? = template["metadata"] {
                    for field in Self.serverMetadataFields { templateMetadata[field] = nil }
                    template["metadata"] = .object(templateMetadata)
                }
                templates[index] = .object(template)
            }
            object[path: "spec", "volumeClaimTemplates"] = .array(templates)
        }
        return .keep
    }
}
