public import KubeCore
import Synchronization

/// The resources one simulated cluster serves: built-in and OpenShift groups, plus those
/// added by CustomResourceDefinitions.
///
/// Thread-safe: a resource registered by a CRD is visible to the next lookup or discovery.
public final class ResourceRegistry: Sendable {
    private struct State {
        var definitions: [GroupResource: ResourceDefinition] = [:]
        var order: [GroupResource] = []
        var byKind: [String: GroupResource] = [:]
    }

    private let state: Mutex<State>

    /// A registry with the built-in resources.
    public convenience init() {
        self.init(definitions: ResourceRegistry.builtIn)
    }

    /// A registry serving exactly `definitions`.
    public init(definitions: [ResourceDefinition]) {
        var initial = State()
        for definition in definitions { Self.insert(definition, into: &initial) }
        state = Mutex(initial)
    }

    /// Every served resource, in registration order.
    public var all: [ResourceDefinition] {
        state.withLock { state in state.order.compactMap { state.definitions[$0] } }
    }

    /// The resource served at `group`/`version` as `resource`.
    public func definition(group: String, version: String, resource: String) -> ResourceDefinition? {
        guard let definition = definition(for: GroupResource(group: group, resource: resource)),
            definition.versions.contains(version)
        else { return nil }
        return definition
    }

    /// The resource for a group and resource name.
    public func definition(for groupResource: GroupResource) -> ResourceDefinition? {
        state.withLock { $0.definitions[groupResource] }
    }

    /// The resource for an `apiVersion` and kind.
    public func definition(apiVersion: String, kind: String) -> ResourceDefinition? {
        let groupVersion = GroupVersion(parsing: apiVersion)
        return state.withLock { state -> ResourceDefinition? in
            guard let groupResource = state.byKind[Self.kindKey(group: groupVersion.group, kind: kind)],
                let definition = state.definitions[groupResource], definition.versions.contains(groupVersion.version)
            else { return nil }
            return definition
        }
    }

    /// The resources whose plural, singular or short name is `name` (case-insensitive), as
    /// kubectl resolves `kubectl get <name>`; built-in groups come first.
    public func definitions(matching name: String) -> [ResourceDefinition] {
        let lowered = name.lowercased()
        return all.filter { definition in
            definition.resource == lowered || definition.singular == lowered || definition.shortNames.contains(lowered)
                || definition.kind.lowercased() == lowered
        }
    }

    /// Serves the resource a CustomResourceDefinition describes (once it is stored).
    public func register(_ definition: ResourceDefinition) {
        state.withLock { Self.insert(definition, into: &$0) }
    }

    /// Stops serving a resource.
    public func unregister(_ groupResource: GroupResource) {
        state.withLock { state in
            guard let definition = state.definitions.removeValue(forKey: groupResource) else { return }
            state.order.removeAll { $0 == groupResource }
            let kindKey = Self.kindKey(group: definition.group, kind: definition.kind)
            if state.byKind[kindKey] == groupResource { state.byKind[kindKey] = nil }
        }
    }

    private static func insert(_ definition: ResourceDefinition, into state: inout State) {
        let groupResource = definition.groupResource
        if state.definitions.updateValue(definition, forKey: groupResource) == nil {
            state.order.append(groupResource)
        }
        let kindKey = kindKey(group: definition.group, kind: definition.kind)
        if state.byKind[kindKey] == nil { state.byKind[kindKey] = groupResource }
    }

    private static func kindKey(group: String, kind: String) -> String { "\(group)/\(kind)" }
}
