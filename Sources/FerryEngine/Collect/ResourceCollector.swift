public import KubeClient
import KubeCore
public import Logging

/// Reads everything a migration carries from the source cluster: every listable namespaced
/// resource of the plan's namespaces (built-in, OpenShift and custom), and the
/// cluster-scoped objects those depend on.
public struct ResourceCollector: Sendable {
    let client: KubeClient
    let logger: Logger
    let maxConcurrentLists: Int

    /// Creates a collector reading through `client`, with at most `maxConcurrentLists` list
    /// requests in flight.
    public init(client: KubeClient, logger: Logger, maxConcurrentLists: Int = 8) {
        self.client = client
        self.logger = logger
        self.maxConcurrentLists = maxConcurrentLists
    }

    /// Collects the objects of `scope`. Fails before reading anything else when a namespace
    /// of the scope does not exist.
    public func collect(_ scope: CollectionScope) async throws -> CollectedObjects {
        let namespaceObjects = try await requireNamespaces(scope.namespaces)
        let mapper = try await client.resourceMapper(refresh: true)
        let resources = Self.collectableResources(mapper, scope: scope)
        logger.debug("collecting", metadata: ["namespaces": "\(scope.namespaces)", "resources": "\(resources.count)"])

        var options = ListOptions()
        if let selector = scope.labelSelector, !selector.isEmpty { options.labelSelector = selector.description }
        let listOptions = options
        let requests = scope.namespaces.flatMap { namespace in resources.map { (namespace, $0) } }
        let client = self.client
        let logger = self.logger
        let lists = try await requests.concurrentMap(limit: maxConcurrentLists) { namespace, resource in
            try await Self.list(resource, namespace: namespace, options: listOptions, client: client, logger: logger)
        }
        let namespaced = Self.withoutDuplicates(lists.flatMap { $0 })
        let dependencies = try await clusterScopedDependencies(of: namespaced, mapper: mapper)
        return CollectedObjects(
            namespaced: CollectedObjects.sorted(namespaced),
            clusterScoped: CollectedObjects.sorted(namespaceObjects + dependencies))
    }

    /// Reads every namespace of the scope; all missing ones are named in one error.
    func requireNamespaces(_ namespaces: [String]) async throws -> [KubeObject] {
        let resource = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
        var found: [KubeObject] = []
        var missing: [String] = []
        for namespace in namespaces {
            do {
                found.append(Self.withType(try await client.get(resource, name: namespace), apiVersion: "v1", kind: "Namespace"))
            } catch let error as KubeAPIError where error.isNotFound {
                missing.append(namespace)
            }
        }
        guard missing.isEmpty else {
            let names = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            throw CollectionError(
                .namespaceNotFound,
                "namespace\(missing.count == 1 ? "" : "s") \(names) not found on the source cluster \(client.configuration.server); check the namespace names (the plan's namespaces, or -n)")
        }
        return found
    }

    /// The resources to list in each namespace: namespaced, listable, in the preferred
    /// version of their group, not excluded, and included by the scope. Core and
    /// Kubernetes groups come first, so an object served under two groups is kept from the
    /// more standard one.
    static func collectableResources(_ mapper: ResourceMapper, scope: CollectionScope) -> [APIResourceInfo] {
        mapper.resources
            .filter { info in
                info.namespaced && info.supports("list") && !info.resource.contains("/")
                    && (mapper.preferredVersions[info.group] ?? info.version) == info.version
                    && !scope.excludes(resource: info.resource, group: info.group)
                    && scope.includes(group: info.group, kind: info.kind)
            }
            .sorted { (groupRank($0.group), $0.group, $0.resource) < (groupRank($1.group), $1.group, $1.resource) }
    }

    /// 0 for the core group, 1 for Kubernetes' own groups, 2 for the rest.
    static func groupRank(_ group: String) -> Int {
        if group.isEmpty { return 0 }
        if !group.contains(".") || group.hasSuffix(".k8s.io") { return 1 }
        return 2
    }

    static func list(
        _ resource: APIResourceInfo, namespace: String, options: ListOptions, client: KubeClient, logger: Logger
    ) async throws -> [KubeObject] {
        do {
            let list = try await client.listAll(resource.groupVersionResource, namespace: namespace, options: options)
            return list.items.map { withType($0, apiVersion: resource.apiVersion, kind: resource.kind) }
        } catch let error as KubeAPIError where error.isNotFound || error.code == 405 {
            // The resource went away since discovery (a CRD deleted meanwhile): nothing to carry.
            logger.debug("resource no longer served", metadata: ["resource": "\(resource)", "error": "\(error)"])
            return []
        } catch let error as KubeAPIError {
            throw CollectionError(.listFailed, "listing \(resource) in namespace \"\(namespace)\" failed: \(error); grant the migration's user list access to it or exclude it from the plan")
        }
    }

    /// Sets `apiVersion` and `kind` when a list left them out.
    static func withType(_ object: KubeObject, apiVersion: String, kind: String) -> KubeObject {
        var object = object
        if object.apiVersion.isEmpty { object.apiVersion = apiVersion }
        if object.kind.isEmpty { object.kind = kind }
        return object
    }

    /// Keeps the first of objects sharing a uid (one object served by two groups).
    static func withoutDuplicates(_ objects: [KubeObject]) -> [KubeObject] {
        var seen: Set<String> = []
        return objects.filter { object in
            guard let uid = object.uid, !uid.isEmpty else { return true }
            return seen.insert(uid).inserted
        }
    }
}
