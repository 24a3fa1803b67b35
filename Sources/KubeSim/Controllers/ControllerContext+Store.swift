import KubeCore
import KubeSimStorage

extension ControllerContext {
    /// The definition of a served resource; NotFound when the registry does not serve it.
    func definition(_ resource: GroupResource) throws(KubeAPIError) -> ResourceDefinition {
        guard let definition = store.registry.definition(for: resource) else {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource (\(resource))")
        }
        return definition
    }

    /// Reads an object; `nil` when it does not exist.
    func fetch(_ key: ObjectKey) throws(KubeAPIError) -> KubeObject? {
        var object: KubeObject?
        try tolerating(\.isNotFound) { () throws(KubeAPIError) in
            object = try store.get(definition(key.resource), namespace: key.namespace, name: key.name)
        }
        return object
    }

    /// Deletes an object, treating an object already gone as deleted.
    func deleteIfPresent(_ resource: GroupResource, namespace: String?, name: String, options: DeleteOptions = DeleteOptions()) throws(KubeAPIError) {
        try tolerating(\.isNotFound) { () throws(KubeAPIError) in
            try store.delete(definition(resource), namespace: namespace, name: name, options: options)
        }
    }

    /// Replaces `status` of an object when it differs from `status`.
    func updateStatus(_ resource: GroupResource, of object: KubeObject, to status: JSONValue) throws(KubeAPIError) {
        guard object.status != status else { return }
        let definition = try definition(resource)
        let subresource = definition.subresources.contains("status") ? "status" : nil
        try store.modify(definition, namespace: object.namespace, name: object.name, subresource: subresource) { current in
            current.status = status
        }
    }
}

/// Runs `body`, treating the API errors `expected` accepts as success; returns whether
/// `body` completed without one.
@discardableResult
func tolerating(_ expected: (KubeAPIError) -> Bool, _ body: () throws(KubeAPIError) -> Void) throws(KubeAPIError) -> Bool {
    do {
        try body()
        return true
    } catch {
        if expected(error) { return false }
        throw error
    }
}
