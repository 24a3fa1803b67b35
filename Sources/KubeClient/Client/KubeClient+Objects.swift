public import KubeCore

extension KubeClient {
    /// The resource serving objects of `apiVersion` and `kind`.
    public func resource(apiVersion: String, kind: String) async throws -> APIResourceInfo {
        try await resource(for: GroupVersionKind(apiVersion: apiVersion, kind: kind))
    }

    /// The namespace an object of `info` lives in: the given one, else the configuration's
    /// default for namespaced resources; `nil` for cluster-scoped ones.
    func effectiveNamespace(_ info: APIResourceInfo, _ namespace: String?) -> String? {
        guard info.namespaced else { return nil }
        if let namespace, !namespace.isEmpty { return namespace }
        return configuration.namespace
    }

    /// Reads an object by `apiVersion`, `kind` and name.
    public func get(apiVersion: String, kind: String, name: String, namespace: String? = nil) async throws -> KubeObject {
        let info = try await resource(apiVersion: apiVersion, kind: kind)
        return try await get(info.groupVersionResource, name: name, namespace: effectiveNamespace(info, namespace))
    }

    /// Lists every object of `apiVersion` and `kind` (all namespaces when `namespace` is `nil`).
    public func listAll(apiVersion: String, kind: String, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> KubeObjectList {
        let info = try await resource(apiVersion: apiVersion, kind: kind)
        return try await listAll(info.groupVersionResource, namespace: info.namespaced ? namespace : nil, options: options)
    }

    /// Creates an object of whatever kind it declares.
    public func create(_ object: KubeObject, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        let info = try await resource(apiVersion: object.apiVersion, kind: object.kind)
        return try await create(info.groupVersionResource, object, namespace: effectiveNamespace(info, object.namespace), options: options)
    }

    /// Replaces an object of whatever kind it declares.
    public func update(_ object: KubeObject, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        let info = try await resource(apiVersion: object.apiVersion, kind: object.kind)
        return try await update(info.groupVersionResource, object, namespace: effectiveNamespace(info, object.namespace), options: options)
    }

    /// Replaces the status of an object of whatever kind it declares.
    public func updateStatus(_ object: KubeObject, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        let info = try await resource(apiVersion: object.apiVersion, kind: object.kind)
        return try await updateStatus(info.groupVersionResource, object, namespace: effectiveNamespace(info, object.namespace), options: options)
    }

    /// Server-side applies an object: the server merges it into what exists, owned by
    /// `fieldManager`; `force` takes over fields other managers own.
    public func apply(_ object: KubeObject, fieldManager: String, force: Bool = false, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        let info = try await resource(apiVersion: object.apiVersion, kind: object.kind)
        return try await patch(
            info.groupVersionResource, name: object.name, namespace: effectiveNamespace(info, object.namespace),
            patch: .apply(object.json, fieldManager: fieldManager, force: force), options: options)
    }

    /// Patches an object by `apiVersion`, `kind` and name.
    public func patch(apiVersion: String, kind: String, name: String, namespace: String? = nil, patch: Patch, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        let info = try await resource(apiVersion: apiVersion, kind: kind)
        return try await self.patch(info.groupVersionResource, name: name, namespace: effectiveNamespace(info, namespace), patch: patch, options: options)
    }

    /// Deletes an object by `apiVersion`, `kind` and name.
    @discardableResult
    public func delete(apiVersion: String, kind: String, name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions()) async throws -> KubeObject? {
        let info = try await resource(apiVersion: apiVersion, kind: kind)
        return try await delete(info.groupVersionResource, name: name, namespace: effectiveNamespace(info, namespace), options: options)
    }
}
