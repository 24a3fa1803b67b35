public import KubeCore

/// An ordered list of transforms run over every object before it is created on the destination.
public struct TransformPipeline: Sendable {
    /// The transforms, in the order they run.
    public var transforms: [any ObjectTransform]

    /// Creates a pipeline.
    public init(transforms: [any ObjectTransform]) {
        self.transforms = transforms
    }

    /// The Migration Toolkit's cleaning rules. Drops come first, so a dropped object is
    /// reported before anything edits it; labels come last, so nothing removes them.
    public static let standard = TransformPipeline(transforms: [
        DropGeneratedObjects(),
        DropMigrationHelpers(),
        DropOwnerReferencesToUnmigrated(),
        ApplyVolumeActions(),
        StripServerFields(),
        RestorePreQuiesceState(),
        StripLastAppliedAnnotation(),
        CleanPod(),
        CleanService(),
        CleanPersistentVolumeClaim(),
        CleanPersistentVolume(),
        RenameClaimReferences(),
        CleanRoute(),
        CleanServiceAccount(),
        RewriteImageReferences(),
        MapNamespaces(),
        AddMigrationLabels(),
    ])

    /// Transforms one object; `nil` transform name and reason when it is kept.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> (transform: String, reason: String)? {
        for transform in transforms {
            if case .drop(let reason) = transform.apply(&object, context: context) {
                return (transform.name, reason)
            }
        }
        return nil
    }

    /// Transforms every object, recording drops and the patch for each kept object.
    public func run(_ objects: [KubeObject], context: MigrationTransformContext) -> TransformResult {
        var result = TransformResult()
        for source in objects {
            var object = source
            if let (transform, reason) = apply(&object, context: context) {
                result.dropped.append(.init(object: source, transform: transform, reason: reason))
            } else {
                result.transformed.append(.init(object: object, patch: JSONPatch.diff(from: source.json, to: object.json)))
            }
        }
        return result
    }
}
