import KubeCore
import KubeSimStorage

/// The namespace lifecycle: gives every new namespace its `default` ServiceAccount and the
/// `kube-root-ca.crt` ConfigMap, and empties a terminating namespace of every namespaced
/// object (custom resources included) before releasing its `kubernetes` finalizer.
struct NamespaceController: Reconciler {
    static let rootCAConfigMap = "kube-root-ca.crt"

    let context: ControllerContext
    let settings: ClusterSettings

    var name: String { "namespace" }
    var watchedResources: [GroupResource]? { [Resources.namespaces] }
    var primaryResource: GroupResource { Resources.namespaces }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let namespace = try context.fetch(key) else { return nil }
        if namespace.isBeingDeleted || namespace.string("status", "phase") == "Terminating" {
            return try empty(namespace)
        }
        try ensureDefaults(in: namespace.name)
        return nil
    }

    private func ensureDefaults(in namespace: String) throws {
        let serviceAccount = KubeObject(apiVersion: "v1", kind: "ServiceAccount", name: "default", namespace: namespace)
        try createIfMissing(serviceAccount, resource: Resources.serviceAccounts)
        var configMap = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: Self.rootCAConfigMap, namespace: namespace)
        configMap.annotations = ["kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."]
        configMap["data"] = ["ca.crt": .string(settings.caCertificatePEM)]
        try createIfMissing(configMap, resource: Resources.configMaps)
    }

    private func createIfMissing(_ object: KubeObject, resource: GroupResource) throws {
        let key = ObjectKey(resource, object: object)
        guard try context.fetch(key) == nil else { return }
        // Forbidden or NotFound: the namespace started terminating meanwhile.
        try tolerating({ $0.isAlreadyExists || $0.code == 403 || $0.isNotFound }) { () throws(KubeAPIError) in
            _ = try context.store.create(object, in: context.definition(resource))
        }
    }

    /// Deletes what is left in `namespace`; finalizes it once nothing is.
    private func empty(_ namespace: KubeObject) throws -> Duration? {
        var remaining = 0
        for definition in context.store.registry.all where definition.namespaced {
            guard definition.verbs.contains("list"), definition.verbs.contains("delete") else { continue }
            let items = try context.store.list(definition, namespace: namespace.name).items
            remaining += items.count
            for item in items where !item.isBeingDeleted {
                try tolerating(\.isNotFound) { () throws(KubeAPIError) in
                    try context.store.delete(definition, namespace: namespace.name, name: item.name)
                }
            }
        }
        guard remaining == 0 else { return .milliseconds(100) }
        let specFinalizers = namespace.spec?["finalizers"]?.arrayValue ?? []
        guard specFinalizers.contains(.string("kubernetes")) else { return nil }
        try context.store.modify(context.definition(Resources.namespaces), namespace: nil, name: namespace.name, subresource: "finalize") { object in
            let kept = specFinalizers.filter { $0 != .string("kubernetes") }
            object[path: "spec", "finalizers"] = kept.isEmpty ? nil : .array(kept)
        }
        return nil
    }
}
