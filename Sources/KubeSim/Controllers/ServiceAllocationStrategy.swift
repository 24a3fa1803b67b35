public import KubeCore
public import KubeSimStorage
import Synchronization

/// Allocates Service cluster IPs and node ports inside the store's create and update, as
/// kube-apiserver does: the created object already carries them, unique across the cluster.
public final class ServiceAllocationStrategy: ResourceStrategy {
    private struct State {
        var seeded = false
        var clusterIPs: Set<String> = []
        var nodePorts: Set<Int> = []
        var nextIPIndex = 10
        var nextPort = 0
    }

    private let settings: ClusterSettings
    private let state = Mutex(State())

    /// Creates a strategy allocating from the ranges of `settings`.
    public init(settings: ClusterSettings) {
        self.settings = settings
    }

    /// Fills `spec.clusterIP(s)`, IP family fields and node ports.
    public func prepareForCreate(_ object: inout KubeObject, store: StoreTransaction) throws(KubeAPIError) {
        try allocate(&object, old: nil, store: store)
    }

    /// Keeps the allocations of `old` that the update omits; allocates what a type change needs.
    public func prepareForUpdate(_ object: inout KubeObject, old: KubeObject, store: StoreTransaction) throws(KubeAPIError) {
        try allocate(&object, old: old, store: store)
        let kept = Set(Self.nodePorts(of: object))
        let dropped = Self.nodePorts(of: old).filter { !kept.contains($0) }
        let oldIP = old.string("spec", "clusterIP")
        let releasedIP = oldIP != object.string("spec", "clusterIP") ? oldIP : nil
        release(ip: releasedIP, ports: dropped)
    }

    /// Frees the service's IP and ports.
    public func didDelete(_ object: KubeObject, store: StoreTransaction) {
        release(ip: object.string("spec", "clusterIP"), ports: Self.nodePorts(of: object))
    }

    private func release(ip: String?, ports: [Int]) {
        state.withLock { state in
            if let ip { state.clusterIPs.remove(ip) }
            for port in ports { state.nodePorts.remove(port) }
        }
    }

    private func allocate(_ service: inout KubeObject, old: KubeObject?, store: StoreTransaction) throws(KubeAPIError) {
        let type = service.string("spec", "type") ?? "ClusterIP"
        guard type != "ExternalName" else { return }
        try state.withLock { (state: inout State) throws(KubeAPIError) in
            if !state.seeded { seed(&state, store: store) }
            try allocateClusterIP(&service, old: old, state: &state)
            guard type == "NodePort" || type == "LoadBalancer" else { return }
            if service.spec?["externalTrafficPolicy"] == nil { service[path: "spec", "externalTrafficPolicy"] = "Cluster" }
            if type == "LoadBalancer", service.spec?["allocateLoadBalancerNodePorts"]?.boolValue == false { return }
            try allocateNodePorts(&service, old: old, state: &state, store: store)
        }
        if service.spec?["internalTrafficPolicy"] == nil { service[path: "spec", "internalTrafficPolicy"] = "Cluster" }
    }

    private func seed(_ state: inout State, store: StoreTransaction) {
        state.clusterIPs = []
        state.nodePorts = []
        for service in store.list(Resources.services) {
            if let ip = service.string("spec", "clusterIP"), ip != "None" { state.clusterIPs.insert(ip) }
            state.nodePorts.formUnion(Self.nodePorts(of: service))
        }
        state.seeded = true
    }

    private func allocateClusterIP(_ service: inout KubeObject, old: KubeObject?, state: inout State) throws(KubeAPIError) {
        var ip = service.string("spec", "clusterIP") ?? ""
        if ip.isEmpty, let previous = old?.string("spec", "clusterIP") { ip = previous }
        if ip == "None" {
            service[path: "spec", "clusterIP"] = "None"
            service[path: "spec", "clusterIPs"] = ["None"]
        } else if !ip.isEmpty {
            if ip != old?.string("spec", "clusterIP") {
                guard state.clusterIPs.insert(ip).inserted else {
                    throw invalid(service, field: "spec.clusterIPs", value: "[]string{\"\(ip)\"}", message: "failed to allocate IP \(ip): provided IP is already allocated")
                }
            }
        } else {
            guard let allocated = nextIP(&state) else {
                throw KubeAPIError.internalError("failed to allocate a serviceIP: range is full")
            }
            ip = allocated
        }
        service[path: "spec", "clusterIP"] = .string(ip)
        service[path: "spec", "clusterIPs"] = [.string(ip)]
        if service.spec?["ipFamilies"] == nil { service[path: "spec", "ipFamilies"] = ["IPv4"] }
        if service.spec?["ipFamilyPolicy"] == nil { service[path: "spec", "ipFamilyPolicy"] = "SingleStack" }
    }

    private func nextIP(_ state: inout State) -> String? {
        // Index 0 is the network, 1 the `kubernetes` service; the first ten stay free for
        // services asking for a well-known address (such as cluster DNS at .10).
        let capacity = 65_536 - 10
        for _ in 0..<capacity {
            let index = 10 + (state.nextIPIndex - 10) % capacity
            state.nextIPIndex = index + 1
            let (high, low) = index.quotientAndRemainder(dividingBy: 256)
            if low == 0 || low == 255 { continue }
            let ip = "\(settings.serviceNetworkPrefix).\(high).\(low)"
            if state.clusterIPs.insert(ip).inserted { return ip }
        }
        return nil
    }

    private func allocateNodePorts(_ service: inout KubeObject, old: KubeObject?, state: inout State, store: StoreTransaction) throws(KubeAPIError) {
        var ports = service.spec?["ports"]?.arrayValue ?? []
        let oldPorts = old?.spec?["ports"]?.arrayValue ?? []
        let oldNodePorts = Set(old.map(Self.nodePorts) ?? [])
        for index in ports.indices {
            if let requested = ports[index]["nodePort"]?.intValue, requested != 0 {
                if oldNodePorts.contains(requested) { continue }
                guard settings.nodePortRange.contains(requested) else {
                    throw invalid(service, field: "spec.ports[\(index)].nodePort", value: "\(requested)", message: "provided port is not in the valid range. The range of valid ports is \(settings.nodePortRange.lowerBound)-\(settings.nodePortRange.upperBound)")
                }
                guard state.nodePorts.insert(requested).inserted else {
                    throw invalid(service, field: "spec.ports[\(index)].nodePort", value: "\(requested)", message: "provided port is already allocated")
                }
                continue
            }
            let samePort = oldPorts.first { $0["port"] == ports[index]["port"] && $0["protocol"] == ports[index]["protocol"] }
            if let reused = samePort?["nodePort"]?.intValue {
                ports[index]["nodePort"] = .int(Int64(reused))
                continue
            }
            var allocated = nextNodePort(&state)
            if allocated == nil {
                seed(&state, store: store)
                allocated = nextNodePort(&state)
            }
            guard let allocated else { throw KubeAPIError.internalError("failed to allocate a nodePort: range is full") }
            ports[index]["nodePort"] = .int(Int64(allocated))
        }
        service[path: "spec", "ports"] = .array(ports)
    }

    private func nextNodePort(_ state: inout State) -> Int? {
        let range = settings.nodePortRange
        for _ in 0..<range.count {
            let port = range.lowerBound + state.nextPort % range.count
            state.nextPort += 1
            if state.nodePorts.insert(port).inserted { return port }
        }
        return nil
    }

    private func invalid(_ service: KubeObject, field: String, value: String, message: String) -> KubeAPIError {
        KubeAPIError.invalid(
            kind: "Service", group: "", name: service.name,
            causes: [KubeAPIError.Cause(reason: "FieldValueInvalid", message: "Invalid value: \(value): \(message)", field: field)])
    }

    static func nodePorts(of service: KubeObject) -> [Int] {
        (service.spec?["ports"]?.arrayValue ?? []).compactMap { $0["nodePort"]?.intValue }.filter { $0 != 0 }
    }
}
