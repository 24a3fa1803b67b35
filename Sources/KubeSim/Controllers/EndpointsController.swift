import KubeCore
import KubeSimStorage

/// Publishes, for every Service with a selector, the addresses of the pods it selects as an
/// Endpoints object and an EndpointSlice (ready pods as ready endpoints).
struct EndpointsController: Reconciler {
    let context: ControllerContext

    var name: String { "endpoints" }
    var watchedResources: [GroupResource]? { [Resources.services, Resources.pods] }
    var primaryResource: GroupResource { Resources.services }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        if event.resource == Resources.services { return [ObjectKey(Resources.services, object: event.object)] }
        let labels = event.object.labels
        return cache.objects(Resources.services, namespace: event.object.namespace).filter { service in
            let selector = LabelMatcher.stringMap(service.spec?["selector"])
            return !selector.isEmpty && LabelMatcher(labels: selector).matches(labels)
        }.map { ObjectKey(Resources.services, object: $0) }
    }

    static func sliceName(of service: String) -> String {
        "\(service)-\(NameGenerator.hash(of: .string(service)))"
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let service = try context.fetch(key), !service.isBeingDeleted else {
            try context.deleteIfPresent(Resources.endpoints, namespace: key.namespace, name: key.name)
            try context.deleteIfPresent(Resources.endpointSlices, namespace: key.namespace, name: Self.sliceName(of: key.name))
            return nil
        }
        let selectorLabels = LabelMatcher.stringMap(service.spec?["selector"])
        guard !selectorLabels.isEmpty else { return nil }
        let selector = LabelMatcher(labels: selectorLabels)
        let pods = cache.objects(Resources.pods, namespace: key.namespace)
            .filter { selector.matches($0.labels) && !$0.isBeingDeleted && !$0.isPodFinished && $0.string("status", "podIP") != nil }
            .sorted { $0.name < $1.name }
        let servicePorts = service.spec?["ports"]?.arrayValue ?? []
        let ports: [JSONValue] = servicePorts.map { port in
            var endpointPort: JSONValue = [
                "port": .int(Int64(Self.targetPort(of: port, pods: pods))),
                "protocol": port["protocol"] ?? "TCP",
            ]
            if let name = port["name"] { endpointPort["name"] = name }
            return endpointPort
        }
        try writeEndpoints(for: service, pods: pods, ports: ports)
        try writeSlice(for: service, pods: pods, ports: ports)
        return nil
    }

    private static func targetPort(of servicePort: JSONValue, pods: [KubeObject]) -> Int {
        let port = servicePort["port"]?.intValue ?? 0
        switch servicePort["targetPort"] {
        case .some(.int(let number)): return Int(number)
        case .some(.string(let name)):
            if let number = Int(name) { return number }
            for pod in pods {
                for container in pod.spec?["containers"]?.arrayValue ?? [] {
                    if let match = container["ports"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name }) {
                        return match["containerPort"]?.intValue ?? port
                    }
                }
            }
            return port
        default: return port
        }
    }

    private static func targetRef(_ pod: KubeObject) -> JSONValue {
        ["kind": "Pod", "namespace": .string(pod.namespace ?? ""), "name": .string(pod.name), "uid": .string(pod.uid ?? "")]
    }

    private func writeEndpoints(for service: KubeObject, pods: [KubeObject], ports: [JSONValue]) throws {
        func address(_ pod: KubeObject) -> JSONValue {
            var address: JSONValue = ["ip": .string(pod.string("status", "podIP") ?? ""), "targetRef": Self.targetRef(pod)]
            if let node = pod.string("spec", "nodeName") { address["nodeName"] = .string(node) }
            return address
        }
        let ready = pods.filter(\.isPodReady).map(address)
        let notReady = pods.filter { !$0.isPodReady }.map(address)
        var subset: JSONValue = ["ports": .array(ports)]
        if !ready.isEmpty { subset["addresses"] = .array(ready) }
        if !notReady.isEmpty { subset["notReadyAddresses"] = .array(notReady) }
        let subsets: JSONValue? = pods.isEmpty ? nil : [subset]
        var endpoints = KubeObject(apiVersion: "v1", kind: "Endpoints", name: service.name, namespace: service.namespace)
        endpoints.labels = service.labels
        endpoints["subsets"] = subsets
        try apply(endpoints, resource: Resources.endpoints) { current in
            guard current["subsets"] != subsets || current.labels != service.labels else { return false }
            current["subsets"] = subsets
            current.labels = service.labels
            return true
        }
    }

    private func writeSlice(for service: KubeObject, pods: [KubeObject], ports: [JSONValue]) throws {
        let endpoints: [JSONValue] = pods.map { pod in
            var endpoint: JSONValue = [
                "addresses": [.string(pod.string("status", "podIP") ?? "")],
                "conditions": ["ready": .bool(pod.isPodReady), "serving": .bool(pod.isPodReady), "terminating": false],
                "targetRef": Self.targetRef(pod),
            ]
            if let node = pod.string("spec", "nodeName") { endpoint["nodeName"] = .string(node) }
            return endpoint
        }
        var slice = KubeObject(apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", name: Self.sliceName(of: service.name), namespace: service.namespace)
        var labels = service.labels
        labels["kubernetes.io/service-name"] = service.name
        labels["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io"
        slice.labels = labels
        slice.ownerReferences = [OwnerReference(controlledBy: service)]
        slice["addressType"] = "IPv4"
        slice["endpoints"] = .array(endpoints)
        slice["ports"] = .array(ports)
        try apply(slice, resource: Resources.endpointSlices) { current in
            guard current["endpoints"] != .array(endpoints) || current["ports"] != .array(ports) else { return false }
            current["endpoints"] = .array(endpoints)
            current["ports"] = .array(ports)
            return true
        }
    }

    /// Creates `object`, or changes the stored one with `change` when it reports a change.
    private func apply(_ object: KubeObject, resource: GroupResource, change: (inout KubeObject) -> Bool) throws {
        let definition = try context.definition(resource)
        guard var current = try context.fetch(ObjectKey(resource, object: object)) else {
            _ = try context.store.create(object, in: definition)
            return
        }
        guard change(&current) else { return }
        _ = try context.store.update(current, in: definition)
    }
}
