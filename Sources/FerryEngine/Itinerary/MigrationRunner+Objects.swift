import FerryAPI
import KubeClient
import KubeCore

extension MigrationRunner {
    /// Reads the plan's objects, their namespaces and cluster-scoped dependencies from the
    /// source and cleans them.
    func collectAndTransform(_ scope: MigrationScope, onlyKinds: [GroupKind]? = nil) async throws -> MigratedObjects {
        let collector = ResourceCollector(client: source, logger: logger)
        // The collection includes the Namespace objects themselves (labels, annotations).
        let objects = try await collector.collect(try scope.collectionScope(onlyKinds: onlyKinds)).all
        let context = scope.transformContext(migratedUIDs: Set(objects.compactMap(\.uid)))
        var migrated = MigratedObjects(collected: objects.count)
        for source in objects {
            var object = source
            if TransformPipeline.standard.apply(&object, context: context) == nil {
                migrated.pairs.append((source, object))
            } else {
                migrated.dropped += 1
            }
        }
        return migrated
    }

    /// Creates `objects` on the destination; objects an earlier migration of the same plan
    /// created (a stage's claims) count as restored.
    func restoreOnDestination(_ objects: [KubeObject], scope: MigrationScope) async throws -> RestoreReport {
        let restorer = ObjectRestorer(
            client: destination, logger: logger, maxConcurrentWrites: settings.maxConcurrentWrites, ownershipLabel: AddMigrationLabels.planLabel)
        let report = try await restorer.restore(objects, policy: try scope.existingObjectPolicy())
        if !report.failed.isEmpty {
            let listed = report.failed.prefix(10).map(\.description).joined(separator: "; ")
            let more = report.failed.count > 10 ? " and \(report.failed.count - 10) more" : ""
            throw MigrationRunnerError(
                code: "restore-failed",
                message: "\(report.failed.count) object(s) could not be created on the destination: \(listed)\(more)")
        }
        return report
    }

    static let generatedServiceAccounts: Set<String> = ["default", "builder", "deployer"]

    /// The initial backup: everything the cutover will read is checked to be readable and
    /// counted now, while the application still runs, so a problem shows before the source is
    /// quiesced. The objects themselves are read at restore, after the quiesce, so the
    /// destination gets their final state.
    func backUp(_ scope: MigrationScope) async throws -> PhaseResult {
        let survey = try await ResourceCollector(client: source, logger: logger).survey(try scope.collectionScope())
        let count = "\(survey.isExact ? "" : "at least ")\(survey.total)"
        return .done(
            "\(count) objects to migrate, every kind readable",
            progress: ["\(count) objects in \(scope.plan.sourceNamespaces.joined(separator: ", ")): \(survey.summary)"])
    }

    /// Creates every migrated object on the destination.
    func restore(_ scope: MigrationScope) async throws -> PhaseResult {
        let migrated = try await collectAndTransform(scope)
        let report = try await restoreOnDestination(migrated.objects, scope: scope)
        // Every namespace gets these service accounts from the cluster itself.
        let existing = report.existing.filter { !($0.kind == "ServiceAccount" && Self.generatedServiceAccounts.contains($0.name)) }
        var progress = [
            "\(report.created.count) created, \(report.alreadyRestored.count) already restored, \(existing.count) already on the destination and left as they were"
        ]
        var conditions: [MigrationCondition] = []
        if !existing.isEmpty {
            let names = existing.prefix(10).map(\.description).joined(separator: ", ")
            progress.append("Left as they were: \(names)\(existing.count > 10 ? " and \(existing.count - 10) more" : "")")
            conditions.append(MigrationCondition(
                type: "ObjectsAlreadyExist", reason: "ExistingObjectsKept", category: MigrationCondition.Category.warn,
                message: "\(existing.count) object(s) already existed on the destination and were not replaced: \(names)",
                durable: true))
        }
        progress += try await completeDestinationImageStreams(migrated, scope: scope)
        return .done("Restored \(report.restoredCount) objects", progress: progress, conditions: conditions)
    }
}

/// The objects a migration carries: each kept object with the source object it came from.
struct MigratedObjects {
    /// How many objects were read.
    var collected: Int
    /// Source object and the object as it will be created, for every kept object.
    var pairs: [(source: KubeObject, object: KubeObject)] = []
    /// How many were not migrated.
    var dropped = 0

    /// The objects as they will be created.
    var objects: [KubeObject] { pairs.map(\.object) }
}
