public import KubeCore

extension KubeClient {
    /// The cluster's resources, from cache or discovery; `refresh` forces discovery.
    public func resourceMapper(refresh: Bool = false) async throws -> ResourceMapper {
        if !refresh, let mapper = discoveryCache.withLock({ $0.mapper }) { return mapper }
        let mapper = try await discover()
        discoveryCache.withLock { cache in
            cache.mapper = mapper
            cache.fetched = .now
        }
        return mapper
    }

    /// The resource for a kind; a miss triggers one rediscovery (at most every 10 seconds),
    /// since a CRD may have just been created.
    public func resource(for kind: GroupVersionKind) async throws -> APIResourceInfo {
        if let found = try await resourceMapper().resource(for: kind) { return found }
        if let found = try await refreshedMapper()?.resource(for: kind) { return found }
        throw KubeClientError(.unknownResource, "the server \(configuration.server) does not serve kind \(kind.kind) in version \(kind.groupVersion)")
    }

    /// The resource a person means by `name` (`deploy`, `deployments.apps`, `Deployment`),
    /// as kubectl resolves it.
    public func resource(named name: String) async throws -> APIResourceInfo {
        if let found = try await resourceMapper().resolve(name) { return found }
        if let found = try await refreshedMapper()?.resolve(name) { return found }
        throw KubeClientError(.unknownResource, "the server \(configuration.server) doesn't have a resource type \"\(name)\"")
    }

    private func refreshedMapper() async throws -> ResourceMapper? {
        let stale = discoveryCache.withLock { cache in
            guard let fetched = cache.fetched else { return true }
            return fetched.duration(to: .now) > .seconds(10)
        }
        guard stale else { return nil }
        return try await resourceMapper(refresh: true)
    }

    private func discover() async throws -> ResourceMapper {
        // Aggregated discovery (Kubernetes 1.26+) answers in two requests; servers without it
        // ignore the preferred media type and answer with the classic documents.
        let core = try await send(APIRequest(method: "GET", path: "/api", accept: Self.aggregatedAccept))
        if core["kind"]?.stringValue == "APIGroupDiscoveryList" {
            let groups = try await send(APIRequest(method: "GET", path: "/apis", accept: Self.aggregatedAccept))
            if groups["kind"]?.stringValue == "APIGroupDiscoveryList" {
                return Self.aggregatedMapper([core, groups])
            }
        }
        return try await classicDiscovery(core: core)
    }

    static let aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

    private func classicDiscovery(core: JSONValue) async throws -> ResourceMapper {
        var resources: [APIResourceInfo] = []
        var preferred: [String: String] = [:]
        let coreVersions = core["versions"]?.arrayValue?.compactMap(\.stringValue) ?? ["v1"]
        preferred[""] = coreVersions.first ?? "v1"
        for version in coreVersions {
            resources += try await resourceList(path: "/api/\(version)", group: "", version: version)
        }
        let groups = try await send(APIRequest(method: "GET", path: "/apis"))
        for group in groups["groups"]?.arrayValue ?? [] {
            guard let name = group["name"]?.stringValue else { continue }
            if let version = group["preferredVersion"]?["version"]?.stringValue { preferred[name] = version }
            for version in group["versions"]?.arrayValue?.compactMap({ $0["version"]?.stringValue }) ?? [] {
                do {
                    resources += try await resourceList(path: "/apis/\(name)/\(version)", group: name, version: version)
                } catch let error as KubeAPIError {
                    // As kubectl: one unavailable group (an aggregated API that is down) does
                    // not hide the rest of the cluster.
                    logger.warning("discovery of \(name)/\(version) failed", metadata: ["error": "\(error)"])
                }
            }
        }
        return ResourceMapper(resources: resources, preferredVersions: preferred)
    }

    private func resourceList(path: String, group: String, version: String) async throws -> [APIResourceInfo] {
        let list = try await send(APIRequest(method: "GET", path: path))
        let entries = list["resources"]?.arrayValue ?? []
        var subresources: [String: [String]] = [:]
        for entry in entries {
            guard let name = entry["name"]?.stringValue, let slash = name.firstIndex(of: "/") else { continue }
            subresources[String(name[..<slash]), default: []].append(String(name[name.index(after: slash)...]))
        }
        return entries.compactMap { entry -> APIResourceInfo? in
            guard let name = entry["name"]?.stringValue, !name.contains("/"), let kind = entry["kind"]?.stringValue else { return nil }
            return APIResourceInfo(
                group: entry["group"]?.stringValue ?? group, version: entry["version"]?.stringValue ?? version,
                resource: name, singularName: entry["singularName"]?.stringValue ?? "", kind: kind,
                namespaced: entry["namespaced"]?.boolValue ?? false,
                verbs: entry["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                shortNames: entry["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                categories: entry["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                subresources: subresources[name] ?? [])
        }
    }

    /// Reads `APIGroupDiscoveryList` documents: groups in priority order, each group's
    /// versions in preference order, resources with their subresources inline.
    static func aggregatedMapper(_ documents: [JSONValue]) -> ResourceMapper {
        var resources: [APIResourceInfo] = []
        var preferred: [String: String] = [:]
        for document in documents {
            for group in document["items"]?.arrayValue ?? [] {
                let name = group["metadata"]?["name"]?.stringValue ?? ""
                for (index, version) in (group["versions"]?.arrayValue ?? []).enumerated() {
                    guard let versionName = version["version"]?.stringValue else { continue }
                    if index == 0 { preferred[name] = versionName }
                    for entry in version["resources"]?.arrayValue ?? [] {
                        guard let resource = entry["resource"]?.stringValue, let kind = entry["responseKind"]?["kind"]?.stringValue else { continue }
                        resources.append(APIResourceInfo(
                            group: name, version: versionName, resource: resource,
                            singularName: entry["singularResource"]?.stringValue ?? "", kind: kind,
                            namespaced: entry["scope"]?.stringValue == "Namespaced",
                            verbs: entry["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                            shortNames: entry["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                            categories: entry["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                            subresources: entry["subresources"]?.arrayValue?.compactMap { $0["subresource"]?.stringValue } ?? []))
                    }
                }
            }
        }
        return ResourceMapper(resources: resources, preferredVersions: preferred)
    }
}
