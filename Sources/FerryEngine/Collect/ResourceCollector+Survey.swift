import KubeClient
import KubeCore

extension ResourceCollector {
    /// Checks that a collection of `scope` can read everything, and counts what it would
    /// read, without reading it: each resource is listed with a page of one object, whose
    /// `remainingItemCount` gives the rest. A resource that cannot be listed fails here, as
    /// it would fail the collection.
    public func survey(_ scope: CollectionScope) async throws -> CollectionSurvey {
        _ = try await requireNamespaces(scope.namespaces)
        let mapper = try await client.resourceMapper(refresh: true)
        let resources = Self.collectableResources(mapper, scope: scope)
        var options = ListOptions(limit: 1)
        if let selector = scope.labelSelector, !selector.isEmpty { options.labelSelector = selector.description }
        let listOptions = options
        let client = self.client
        let requests = scope.namespaces.flatMap { namespace in resources.map { (namespace, $0) } }
        let counts = try await requests.concurrentMap(limit: maxConcurrentLists) { namespace, resource -> (String, Int, Bool) in
            do {
                let page = try await client.list(resource.groupVersionResource, namespace: namespace, options: listOptions)
                let more = page.continueToken.map { !$0.isEmpty } ?? false
                // A selector hides the remaining count; the page then proves only "at least".
                let remaining = page.remainingItemCount ?? (more ? 1 : 0)
                return (resource.kind, page.items.count + remaining, more && page.remainingItemCount == nil)
            } catch let error as KubeAPIError where error.isNotFound || error.code == 405 {
                return (resource.kind, 0, false)
            } catch let error as KubeAPIError {
                throw CollectionError(.listFailed, "listing \(resource) in namespace \"\(namespace)\" failed: \(error); grant the migration's user list access to it or exclude it from the plan")
            }
        }
        var survey = CollectionSurvey()
        for (kind, count, isLowerBound) in counts where count > 0 {
            survey.counts[kind, default: 0] += count
            if isLowerBound { survey.isExact = false }
        }
        return survey
    }
}
