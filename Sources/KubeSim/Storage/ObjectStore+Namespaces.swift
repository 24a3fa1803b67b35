public import KubeCore

extension ObjectStore {
    /// Removes `finalizer` (by default `kubernetes`) from a namespace's `spec.finalizers`, as
    /// the namespace controller does through the `finalize` subresource once the namespace is
    /// empty. A terminating namespace with no finalizers left is removed.
    @discardableResult
    public func finalizeNamespace(name: String, finalizer: String = "kubernetes") throws(KubeAPIError) -> KubeObject {
        guard let namespaces = registry.definition(for: GroupResource(group: "", resource: "namespaces")) else {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        return try modify(namespaces, namespace: nil, name: name, subresource: "finalize") { namespace in
            let remaining = (namespace[path: "spec", "finalizers"]?.arrayValue ?? []).filter { $0.stringValue != finalizer }
            namespace[path: "spec", "finalizers"] = .array(remaining)
        }
    }
}
