public import KubeCore

// INTERFACE SCAFFOLD: the storage helper fills the built-in table and the CRD handling.

/// The resources one simulated cluster serves: built-in and OpenShift groups, plus those
/// added by CustomResourceDefinitions.
public final class ResourceRegistry: Sendable {
    /// A registry with the built-in resources.
    public init() {
        fatalError("not implemented yet")
    }

    /// Every served resource.
    public var all: [ResourceDefinition] {
        fatalError("not implemented yet")
    }

    /// The resource served at `group`/`version` as `resource`.
    public func definition(group: String, version: String, resource: String) -> ResourceDefinition? {
        fatalError("not implemented yet")
    }

    /// The resource for a group and resource name.
    public func definition(for groupResource: GroupResource) -> ResourceDefinition? {
        fatalError("not implemented yet")
    }

    /// The resource for an `apiVersion` and kind.
    public func definition(apiVersion: String, kind: String) -> ResourceDefinition? {
        fatalError("not implemented yet")
    }

    /// Serves the resource a CustomResourceDefinition describes (once it is stored).
    public func register(_ definition: ResourceDefinition) {
        fatalError("not implemented yet")
    }

    /// Stops serving a resource.
    public func unregister(_ groupResource: GroupResource) {
        fatalError("not implemented yet")
    }
}
