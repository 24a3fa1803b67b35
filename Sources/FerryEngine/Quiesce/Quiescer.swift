public import KubeClient
import KubeCore
public import Logging

/// Stops a namespace's workloads before the final copy and starts them again afterwards,
/// keeping each workload's original state in annotations on the workload itself (see
/// ``QuiesceAnnotations``).
///
/// Both directions are idempotent, so an interrupted cutover can run either again.
public struct Quiescer: Sendable {
    /// The client of the cluster whose workloads are quiesced.
    public let client: KubeClient
    /// Where progress is logged.
    public let logger: Logger
    /// How many times a write that lost a race with another writer is tried again.
    public var conflictRetries: Int = 5

    /// Creates a quiescer for one cluster.
    public init(client: KubeClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Scales down, suspends or unschedules every quiescible workload in `namespaces`.
    ///
    /// Workloads already stopped are left alone; values saved by an earlier run are kept.
    public func quiesce(namespaces: [String]) async throws -> QuiesceReport {
        try await editWorkloads(in: namespaces, action: "quiesce") { object throws(QuiesceError) in
            QuiesceAnnotations.quiescing(object)
        }
    }

    /// Puts back the state saved when the workloads in `namespaces` were quiesced and
    /// removes the annotations; workloads without them are left alone.
    public func unquiesce(namespaces: [String]) async throws -> QuiesceReport {
        try await editWorkloads(in: namespaces, action: "unquiesce") { object throws(QuiesceError) in
            try QuiesceAnnotations.restoring(object)
        }
    }

    /// The kinds this cluster serves, with the resource each is read and written through.
    func servedKinds() async throws -> [(kind: QuiescibleKind, resource: GroupVersionResource)] {
        let mapper = try await client.resourceMapper()
        return QuiescibleKind.all.compactMap { kind in
            mapper.resource(for: kind.groupVersionKind).map { (kind, $0.groupVersionResource) }
        }
    }

    private func editWorkloads(
        in namespaces: [String], action: String,
        edit: (KubeObject) throws(QuiesceError) -> (object: KubeObject, summary: String)?
    ) async throws -> QuiesceReport {
        var report = QuiesceReport()
        for (kind, resource) in try await servedKinds() {
            for namespace in namespaces {
                for object in try await client.listAll(resource, namespace: namespace).items where kind.isQuiescedDirectly(object) {
                    guard let summary = try await update(object, resource: resource, edit: edit) else { continue }
                    let change = QuiesceReport.Change(
                        apiVersion: object.apiVersion, kind: object.kind, namespace: namespace, name: object.name, summary: summary)
                    logger.info("\(action): \(change)")
                    report.changes.append(change)
                }
            }
        }
        return report
    }

    /// Writes the edited object, reading it again after a conflict; `nil` when there was
    /// nothing to change or the object is gone.
    private func update(
        _ object: KubeObject, resource: GroupVersionResource,
        edit: (KubeObject) throws(QuiesceError) -> (object: KubeObject, summary: String)?
    ) async throws -> String? {
        var current = object
        for _ in 0...conflictRetries {
            guard let (edited, summary) = try edit(current) else { return nil }
            do {
                _ = try await client.update(resource, edited, namespace: current.namespace)
                return summary
            } catch let error as KubeAPIError where error.isConflict {
                logger.debug("\(object.kind) \(object.qualifiedName) changed while being edited; reading it again")
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            }
            do {
                current = try await client.get(resource, name: object.name, namespace: object.namespace)
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            }
        }
        throw QuiesceError(
            .conflict,
            "\(object.kind) \(object.qualifiedName) kept changing while being edited (\(conflictRetries + 1) tries); "
                + "stop whatever else is updating it and run the migration again")
    }
}
