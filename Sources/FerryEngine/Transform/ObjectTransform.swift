public import KubeCore

/// One cleaning rule applied to an object before it is created on the destination.
public protocol ObjectTransform: Sendable {
    /// A short name for reports, such as `StripServerFields`.
    var name: String { get }

    /// Changes `object` in place, or decides that it must not be migrated.
    func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome
}
