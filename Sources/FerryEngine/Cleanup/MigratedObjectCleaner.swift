public import KubeClient
import KubeCore
public import Logging

/// Deletes what a migration plan created on a cluster, found by the
/// `migration.openshift.io/migrated-by-migplan` label: rollback's "delete migrated
/// objects". Objects without the label, including namespaces that existed before, are
/// never touched.
public struct MigratedObjectCleaner: Sendable {
    let logger: Logger
    let maxConcurrentRequests: Int

    /// Creates a cleaner with at most `maxConcurrentRequests` requests in flight.
    public init(logger: Logger, maxConcurrentRequests: Int = 8) {
        self.logger = logger
        self.maxConcurrentRequests = maxConcurrentRequests
    }

    /// Deletes every object labelled with `planUID` in `namespaces` (of every listable and
    /// deletable namespaced resource), the labelled persistent volumes, and then those of
    /// `namespaces` that are labelled themselves. Deletion propagates in the background;
    /// an object already gone is fine, so running it again is harmless.
    public func deleteMigrated(planUID: String, namespaces: [String], client: KubeClient) async throws -> CleanupReport {
        let selector = ListOptions(labelSelector: "\(AddMigrationLabels.planLabel)=\(planUID)")
        let mapper = try await client.resourceMapper(refresh: true)
        let resources = ResourceCollector.collectableResources(mapper, scope: CollectionScope(namespaces: namespaces, excludedResources: []))
            .filter { $0.supports("delete") }
        let requests = namespaces.flatMap { namespace in resources.map { (namespace as String?, $0) } }
            + [(nil, APIResourceInfo(group: "", version: "v1", resource: "persistentvolumes", kind: "PersistentVolume", namespaced: false))]
        let found = try await requests.concurrentMap(limit: maxConcurrentRequests) { namespace, resource in
            try await Self.labelled(resource, namespace: namespace, options: selector, client: client)
        }
        var report = try await delete(ResourceCollector.withoutDuplicates(found.flatMap { $0 }), client: client)
        let namespaceResource = APIResourceInfo(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
        var labelledNamespaces: [KubeObject] = []
        for namespace in namespaces {
            do {
                let object = try await client.get(namespaceResource.groupVersionResource, name: namespace)
                if object.labels[AddMigrationLabels.planLabel] == planUID {
                    labelledNamespaces.append(ResourceCollector.withType(object, apiVersion: "v1", kind: "Namespace"))
                }
            } catch let error as KubeAPIError where error.isNotFound {
                continue
            }
        }
        let namespaceReport = try await delete(labelledNamespaces, client: client)
        report.deleted += namespaceReport.deleted
        report.failed += namespaceReport.failed
        logger.info("deleted migrated objects", metadata: ["plan": "\(planUID)", "summary": "\(report.summary)"])
        return report
    }

    /// Waits until every object of `report` is gone; throws a `CleanupError` naming those
    /// still there after `timeout`.
    public func waitUntilGone(_ report: CleanupReport, client: KubeClient, timeout: Duration = .seconds(120)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var remaining = report.deleted
        while !remaining.isEmpty {
            let present = try await remaining.concurrentMap(limit: maxConcurrentRequests) { reference -> KubeObjectReference? in
                do {
                    _ = try await client.get(apiVersion: reference.apiVersion, kind: reference.kind, name: reference.name, namespace: reference.namespace)
                    return reference
                } catch let error as KubeAPIError where error.isNotFound {
                    return nil
                } catch let error as KubeClientError where error.code == .unknownResource {
                    return nil
                }
            }
            remaining = present.compactMap { $0 }
            guard !remaining.isEmpty else { return }
            guard clock.now < deadline else {
                let names = remaining.prefix(5).map(\.description).joined(separator: ", ")
                throw CleanupError(
                    .timedOut,
                    "\(remaining.count) migrated object(s) still exist \(timeout) after deletion (\(names)); check their finalizers")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    static func labelled(_ resource: APIResourceInfo, namespace: String?, options: ListOptions, client: KubeClient) async throws -> [KubeObject] {
        do {
            let list = try await client.listAll(resource.groupVersionResource, namespace: namespace, options: options)
            return list.items.map { ResourceCollector.withType($0, apiVersion: resource.apiVersion, kind: resource.kind) }
        } catch let error as KubeAPIError where error.isNotFound || error.code == 405 {
            return []
        }
    }

    private func delete(_ objects: [KubeObject], client: KubeClient) async throws -> CleanupReport {
        let outcomes = try await objects.concurrentMap(limit: maxConcurrentRequests) { object -> CleanupReport in
            let reference = KubeObjectReference(object)
            do {
                try await client.delete(
                    apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace,
                    options: DeleteOptions(propagationPolicy: .background))
                return CleanupReport(deleted: [reference])
            } catch let error as KubeAPIError where error.isNotFound {
                return CleanupReport()
            } catch let error as KubeAPIError {
                return CleanupReport(failed: [.init(reference: reference, message: error.description)])
            }
        }
        return CleanupReport(deleted: outcomes.flatMap(\.deleted), failed: outcomes.flatMap(\.failed))
    }
}
