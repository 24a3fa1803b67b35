public import KubeCore

extension KubeClient {
    /// The URL path of a resource collection, object or subresource. `namespace` `nil`
    /// addresses a cluster-scoped resource, or all namespaces of a namespaced one.
    public static func path(_ resource: GroupVersionResource, namespace: String? = nil, name: String? = nil, subresource: String? = nil) -> String {
        var path = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        if let namespace, !namespace.isEmpty { path += "/namespaces/\(segment(namespace))" }
        path += "/\(resource.resource)"
        if let name { path += "/\(segment(name))" }
        if let subresource { path += "/\(subresource)" }
        return path
    }

    private static func segment(_ text: String) -> String {
        text.contains(where: { !($0.isLetter || $0.isNumber || "-._:~@".contains($0)) }) ? APIRequest.encode(text) : text
    }

    /// Reads one object.
    public func get(_ resource: GroupVersionResource, name: String, namespace: String? = nil, subresource: String? = nil) async throws -> KubeObject {
        try decodeObject(from: await send(APIRequest(method: "GET", path: Self.path(resource, namespace: namespace, name: name, subresource: subresource))))
    }

    /// Lists one page of objects.
    public func list(_ resource: GroupVersionResource, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> KubeObjectList {
        var options = options
        options.allowWatchBookmarks = false
        options.timeoutSeconds = nil
        let value = try await send(APIRequest(method: "GET", path: Self.path(resource, namespace: namespace), query: options.queryItems))
        return try KubeObjectList(json: value)
    }

    /// Lists every object, following `continue` across pages of `options.limit` (500 when
    /// not set) items. The result carries the first page's `resourceVersion`: every page
    /// comes from that one snapshot.
    ///
    /// When a continue token expires mid-way (410), the list is fetched again in one
    /// request, as client-go's pager does, so the caller still gets one consistent snapshot.
    public func listAll(_ resource: GroupVersionResource, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> KubeObjectList {
        var combined: KubeObjectList?
        do {
            for try await page in listPages(resource, namespace: namespace, options: options) {
                if combined == nil {
                    combined = page
                } else {
                    combined?.items += page.items
                }
            }
        } catch let error as KubeAPIError where error.isGone && combined != nil {
            logger.debug("continue token expired; listing without paging", metadata: ["resource": "\(resource)"])
            var unpaged = options
            unpaged.limit = nil
            unpaged.continueToken = nil
            combined = try await list(resource, namespace: namespace, options: unpaged)
        }
        combined?.continueToken = nil
        combined?.remainingItemCount = nil
        return combined ?? KubeObjectList(items: [], resourceVersion: "")
    }

    /// The pages of a list, fetched as they are consumed.
    public func listPages(_ resource: GroupVersionResource, namespace: String? = nil, options: ListOptions = ListOptions()) -> ListPages {
        var options = options
        if options.limit == nil { options.limit = 500 }
        return ListPages(client: self, resource: resource, namespace: namespace, options: options)
    }

    /// Creates an object; returns it as stored.
    public func create(_ resource: GroupVersionResource, _ object: KubeObject, namespace: String? = nil, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        try decodeObject(from: await send(APIRequest(
            method: "POST", path: Self.path(resource, namespace: namespace ?? object.namespace), query: options.queryItems,
            body: object.json.serialized())))
    }

    /// Replaces an object; its `metadata.resourceVersion`, when set, makes this a
    /// compare-and-swap that fails with 409 Conflict on a stale version.
    public func update(_ resource: GroupVersionResource, _ object: KubeObject, namespace: String? = nil, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        try decodeObject(from: await send(APIRequest(
            method: "PUT", path: Self.path(resource, namespace: namespace ?? object.namespace, name: object.name), query: options.queryItems,
            body: object.json.serialized())))
    }

    /// Replaces an object's `status` through the status subresource.
    public func updateStatus(_ resource: GroupVersionResource, _ object: KubeObject, namespace: String? = nil, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        try decodeObject(from: await send(APIRequest(
            method: "PUT", path: Self.path(resource, namespace: namespace ?? object.namespace, name: object.name, subresource: "status"),
            query: options.queryItems, body: object.json.serialized())))
    }

    /// Patches an object (or its `subresource`).
    public func patch(_ resource: GroupVersionResource, name: String, namespace: String? = nil, patch: Patch, subresource: String? = nil, options: WriteOptions = WriteOptions()) async throws -> KubeObject {
        var query = options.queryItems
        if case .apply(_, let fieldManager, let force) = patch {
            query.removeAll { $0.name == "fieldManager" }
            query.append(.init("fieldManager", fieldManager))
            if force { query.append(.init("force", "true")) }
        }
        return try decodeObject(from: await send(APIRequest(
            method: "PATCH", path: Self.path(resource, namespace: namespace, name: name, subresource: subresource), query: query,
            body: patch.body.serialized(), contentType: patch.contentType)))
    }

    /// Deletes an object. Returns the object when the server keeps it for finalizers or
    /// returns it, `nil` when it answers with a success `Status`.
    @discardableResult
    public func delete(_ resource: GroupVersionResource, name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions()) async throws -> KubeObject? {
        let value = try await send(APIRequest(
            method: "DELETE", path: Self.path(resource, namespace: namespace, name: name),
            query: options.dryRun ? [.init("dryRun", "All")] : [], body: Self.deleteBody(options).serialized()))
        if value["kind"]?.stringValue == "Status" { return nil }
        return value.objectValue.map(KubeObject.init)
    }

    /// Deletes every object matching `listOptions` in `namespace`.
    public func deleteCollection(_ resource: GroupVersionResource, namespace: String? = nil, listOptions: ListOptions = ListOptions(), options: DeleteOptions = DeleteOptions()) async throws {
        var query = listOptions.queryItems
        if options.dryRun { query.append(.init("dryRun", "All")) }
        _ = try await send(APIRequest(method: "DELETE", path: Self.path(resource, namespace: namespace), query: query, body: Self.deleteBody(options).serialized()))
    }

    /// Reads the `scale` subresource (an `autoscaling/v1` `Scale`).
    public func getScale(_ resource: GroupVersionResource, name: String, namespace: String? = nil) async throws -> KubeObject {
        try await get(resource, name: name, namespace: namespace, subresource: "scale")
    }

    /// Replaces the `scale` subresource.
    public func updateScale(_ resource: GroupVersionResource, name: String, namespace: String? = nil, scale: KubeObject) async throws -> KubeObject {
        try decodeObject(from: await send(APIRequest(
            method: "PUT", path: Self.path(resource, namespace: namespace, name: name, subresource: "scale"), body: scale.json.serialized())))
    }

    /// Patches the `scale` subresource, such as `.merge(["spec": ["replicas": 3]])`.
    public func patchScale(_ resource: GroupVersionResource, name: String, namespace: String? = nil, patch: Patch) async throws -> KubeObject {
        try await self.patch(resource, name: name, namespace: namespace, patch: patch, subresource: "scale")
    }

    static func deleteBody(_ options: DeleteOptions) -> JSONValue {
        var body: JSONObject = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let policy = options.propagationPolicy { body["propagationPolicy"] = .string(policy.rawValue) }
        if let grace = options.gracePeriodSeconds { body["gracePeriodSeconds"] = .int(Int64(grace)) }
        var preconditions: JSONObject = [:]
        if let uid = options.preconditionUID { preconditions["uid"] = .string(uid) }
        if let version = options.preconditionResourceVersion { preconditions["resourceVersion"] = .string(version) }
        if !preconditions.isEmpty { body["preconditions"] = .object(preconditions) }
        if options.dryRun { body["dryRun"] = ["All"] }
        return .object(body)
    }

    func decodeObject(from value: JSONValue) throws(KubeClientError) -> KubeObject {
        guard let members = value.objectValue else {
            throw KubeClientError(.invalidResponse, "the server \(configuration.server) answered with something that is not an object")
        }
        return KubeObject(members)
    }
}
