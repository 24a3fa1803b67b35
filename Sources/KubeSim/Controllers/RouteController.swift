import KubeCore
import KubeSimStorage

/// Admits OpenShift Routes: generates `<name>-<namespace>.<suffix>` for routes without a
/// host and reports them admitted by the `default` router.
struct RouteController: Reconciler {
    let context: ControllerContext
    let settings: ClusterSettings

    var name: String { "route" }
    var watchedResources: [GroupResource]? { [Resources.routes] }
    var primaryResource: GroupResource { Resources.routes }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard var route = try context.fetch(key), !route.isBeingDeleted else { return nil }
        if (route.string("spec", "host") ?? "").isEmpty {
            let host = "\(route.name)-\(route.namespace ?? "default").\(settings.routeHostSuffix)"
            route = try context.store.modify(context.definition(Resources.routes), namespace: key.namespace, name: key.name) { current in
                current[path: "spec", "host"] = .string(host)
                current.annotations["openshift.io/host.generated"] = "true"
            }
        }
        let host = route.string("spec", "host") ?? ""
        let existing = route.status?["ingress"]?.arrayValue?.first
        if existing?["host"]?.stringValue == host { return nil }
        let ingress: JSONValue = [
            "host": .string(host), "routerName": "default", "wildcardPolicy": .string(route.string("spec", "wildcardPolicy") ?? "None"),
            "routerCanonicalHostname": .string("router-default.\(settings.routeHostSuffix)"),
            "conditions": [["type": "Admitted", "status": "True", "lastTransitionTime": .string(Timestamp.now())]],
        ]
        try context.updateStatus(Resources.routes, of: route, to: ["ingress": [ingress]])
        return nil
    }
}
