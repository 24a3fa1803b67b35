public import KubeClient
public import KubeCore
public import Logging

/// Creates migrated objects on the destination cluster in restore order.
///
/// Restoring is idempotent: an object that already carries the same ownership label (by
/// default the migration's) was created by an earlier run and counts as restored, so an
/// interrupted restore can simply run again.
public struct ObjectRestorer: Sendable {
    let client: KubeClient
    let logger: Logger
    let maxConcurrentWrites: Int
    let waitTimeout: Duration
    let ownershipLabel: String

    /// Creates a restorer writing through `client`, with at most `maxConcurrentWrites`
    /// requests in flight. `waitTimeout` bounds each wait: for a created
    /// CustomResourceDefinition to become Established and served, and for an object still
    /// being deleted (by a rollback just before) to be gone so it can be created again. An
    /// existing object whose `ownershipLabel` has the value the restored object carries is
    /// one of ours: the migration's label by default, the plan's when every migration of a
    /// plan shares its objects (a stage's claims, then the cutover).
    public init(
        client: KubeClient, logger: Logger, maxConcurrentWrites: Int = 8, waitTimeout: Duration = .seconds(60),
        ownershipLabel: String = AddMigrationLabels.migrationLabel
    ) {
        self.client = client
        self.logger = logger
        self.maxConcurrentWrites = maxConcurrentWrites
        self.waitTimeout = waitTimeout
        self.ownershipLabel = ownershipLabel
    }

    /// Creates `objects` in restore order, creating their namespaces when missing; an
    /// object listed twice is restored once. Failures of single objects are collected in
    /// the report; only a failure to reach the cluster at all is thrown.
    public func restore(_ objects: [KubeObject], policy: ExistingObjectPolicy = .skip) async throws -> RestoreReport {
        var seen: Set<KubeObjectReference> = []
        let objects = objects.filter { seen.insert(KubeObjectReference($0)).inserted }
        var report = RestoreReport()
        let namespaceRank = RestoreOrder.rank(of: KubeObject(apiVersion: "v1", kind: "Namespace", name: ""))
        var namespacesEnsured = false
        for group in RestoreOrder.groups(objects) {
            let rank = RestoreOrder.rank(of: group[0])
            if rank > namespaceRank, !namespacesEnsured {
                report.merge(try await ensureNamespaces(of: objects))
                namespacesEnsured = true
            }
            let restorer = self
            let outcomes = try await group.concurrentMap(limit: maxConcurrentWrites) { object in
                try await restorer.restoreOne(object, policy: policy)
            }
            for outcome in outcomes { report.merge(outcome) }
            if rank == 0 {
                report.merge(try await waitUntilServed(definitions: group, failed: Set(report.failed.map(\.reference))))
            }
        }
        if !namespacesEnsured { report.merge(try await ensureNamespaces(of: objects)) }
        logger.info("restore finished", metadata: ["summary": "\(report.summary)"])
        return report
    }

    /// Creates one object, or decides what to do with the one already there.
    func restoreOne(_ source: KubeObject, policy: ExistingObjectPolicy) async throws -> RestoreReport {
        var object = source
        // A create with a resourceVersion is rejected; an exported object may still carry one.
        object.resourceVersion = nil
        let reference = KubeObjectReference(object)
        do {
            _ = try await client.create(object)
            logger.debug("created", metadata: ["object": "\(reference)"])
            return RestoreReport(created: [reference])
        } catch let error as KubeAPIError where error.isAlreadyExists {
            return try await handleExisting(object, reference: reference, policy: policy)
        } catch let error as KubeAPIError {
            return RestoreReport(failed: [.init(reference: reference, message: error.description)])
        } catch let error as KubeClientError {
            return RestoreReport(failed: [.init(reference: reference, message: error.description)])
        }
    }

    private func handleExisting(_ object: KubeObject, reference: KubeObjectReference, policy: ExistingObjectPolicy) async throws -> RestoreReport {
        for _ in 0..<5 {
            let current: KubeObject
            do {
                current = try await client.get(apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace)
            } catch let error as KubeAPIError where error.isNotFound {
                // Deleted meanwhile (it was terminating): create it again.
                return try await restoreOne(object, policy: policy)
            } catch let error as KubeAPIError {
                return RestoreReport(failed: [.init(reference: reference, message: "it exists but cannot be read: \(error)")])
            }
            if current.deletionTimestamp != nil {
                // Still being deleted, typically by a rollback just before: not restored
                // until it is gone and created again.
                guard try await waitUntilDeleted(current) else {
                    return RestoreReport(failed: [.init(reference: reference, message: "it is still being deleted after \(waitTimeout); check its finalizers, then run the restore again")])
                }
                return try await restoreOne(object, policy: policy)
            }
            if let ours = object.labels[ownershipLabel], current.labels[ownershipLabel] == ours {
                return RestoreReport(alreadyRestored: [reference])
            }
            guard policy == .update else { return RestoreReport(existing: [reference]) }
            var replacement = object
            replacement.resourceVersion = current.resourceVersion
            do {
                _ = try await client.update(replacement)
                return RestoreReport(updated: [reference])
            } catch let error as KubeAPIError where error.isConflict {
                continue
            } catch let error as KubeAPIError {
                return RestoreReport(failed: [.init(reference: reference, message: "it exists and could not be replaced: \(error)")])
            }
        }
        return RestoreReport(failed: [.init(reference: reference, message: "it exists and kept changing while it was being replaced; run the restore again")])
    }
}
