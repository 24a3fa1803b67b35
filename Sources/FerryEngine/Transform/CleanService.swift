public import KubeCore

/// Removes the addresses and ports the source cluster allocated to a Service.
public struct CleanService: ObjectTransform {
    /// Creates the transform.
    public init() {}

    /// `CleanService`.
    public var name: String { "CleanService" }

    /// Removes `clusterIP`/`clusterIPs` (but keeps `None`: that is what makes a Service
    /// headless), node ports unless `context.preserveNodePorts`, and LoadBalancer `externalIPs`.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        guard object.kind == "Service", object.groupVersion.group.isEmpty else { return .keep }
        if let clusterIP = object[path: "spec", "clusterIP"]?.stringValue, clusterIP != "None" {
            object.removeMember(at: "spec", "clusterIP")
        }
        if let clusterIPs = object[path: "spec", "clusterIPs"]?.arrayValue,
           clusterIPs.compactMap(\.stringValue) != ["None"] {
            object.removeMember(at: "spec", "clusterIPs")
        }
        if !context.preserveNodePorts {
            removeNodePorts(&object)
        }
        if object[path: "spec", "type"]?.stringValue == "LoadBalancer" {
            object.removeMember(at: "spec", "externalIPs")
        }
        return .keep
    }

    private func removeNodePorts(_ object: inout KubeObject) {
        object.removeMember(at: "spec", "healthCheckNodePort")
        guard case .array(var ports)? = object[path: "spec", "ports"] else { return }
        var changed = false
        for index in ports.indices {
            guard case .object(var port) = ports[index], port["nodePort"] != nil else { continue }
            port["nodePort"] = nil
            ports[index] = .object(port)
            changed = true
        }
        if changed { object[path: "spec", "ports"] = .array(ports) }
    }
}
