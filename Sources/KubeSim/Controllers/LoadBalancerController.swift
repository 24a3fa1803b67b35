import KubeCore
import KubeSimStorage

/// Gives every LoadBalancer Service an ingress IP, as a cloud provider (or MetalLB) would.
struct LoadBalancerController: Reconciler {
    let context: ControllerContext
    let addresses: AddressPool

    init(context: ControllerContext, settings: ClusterSettings) {
        self.context = context
        let parts = settings.loadBalancerNetworkPrefix.split(separator: ".")
        // The pool hands out /16 addresses; LB addresses use the last /24 of the prefix.
        self.addresses = AddressPool(prefix: parts.prefix(2).joined(separator: "."), reserved: (Int(parts.last ?? "255") ?? 255) * 256 + 1)
    }

    var name: String { "service-loadbalancer" }
    var watchedResources: [GroupResource]? { [Resources.services] }
    var primaryResource: GroupResource { Resources.services }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        let key = ObjectKey(Resources.services, object: event.object)
        if event.type == .deleted || event.object.string("spec", "type") != "LoadBalancer" {
            addresses.release(holder: key.description)
            return []
        }
        if let ip = event.object.status?["loadBalancer"]?["ingress"]?.arrayValue?.first?["ip"]?.stringValue {
            addresses.record(ip, holder: key.description)
        }
        return [key]
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let service = try context.fetch(key), service.string("spec", "type") == "LoadBalancer", !service.isBeingDeleted else { return nil }
        if service.status?["loadBalancer"]?["ingress"]?.arrayValue?.isEmpty == false { return nil }
        guard let ip = addresses.address(for: key.description) else {
            throw KubeAPIError.internalError("no load balancer address is left")
        }
        var status = service.status ?? [:]
        status["loadBalancer"] = ["ingress": [["ip": .string(ip), "ipMode": "VIP"]]]
        try context.updateStatus(Resources.services, of: service, to: status)
        return nil
    }
}
