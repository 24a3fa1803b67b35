import FerryAPI
import FerryImages
import KubeClient
import KubeCore

extension MigrationRunner {
    /// Records the start of the image step on the host, as MTC does: a DirectImageMigration
    /// named after the migration and owned by it, and one DirectImageStreamMigration per
    /// ImageStream, owned by the DirectImageMigration, each listed under `newISs` until its
    /// images are copied.
    func beginDirectImageMigration(_ scope: MigrationScope, streams: [KubeObject]) async throws -> DirectImageMigration {
        var record = try await directImageMigration(scope)
        var newStreams: [DirectImageMigration.ImageStreamReference] = []
        for stream in streams {
            let streamRecord = try await directImageStreamMigration(for: stream, of: record, scope: scope)
            var reference = Self.listEntry(for: stream, scope: scope)
            reference.directMigration = MigrationObjectReference(name: streamRecord.name, namespace: streamRecord.namespace)
            newStreams.append(reference)
        }
        var status = record.status
        status.phase = "Running"
        status.startTimestamp = status.startTimestamp ?? KubeTime.now()
        status.newISs = newStreams.isEmpty ? nil : newStreams
        status.conditions = [
            MigrationCondition(type: "Running", reason: "CopyingImages", category: MigrationCondition.Category.advisory,
                message: "Copying the images of \(streams.count) image stream(s) and the namespace's workloads")
        ]
        record.status = status
        return try DirectImageMigration(object: try await host.updateStatus(record.encoded()))
    }

    /// Records how the image step ended: each ImageStream's DirectImageStreamMigration
    /// completed or failed with the registry's errors for its images, and the
    /// DirectImageMigration listing the streams as successful or failed.
    func finishDirectImageMigration(
        _ record: DirectImageMigration, scope: MigrationScope, streams: [KubeObject], discovery: ImageDiscovery, outcome: ImageMigrationOutcome
    ) async throws {
        var record = record
        let resultsBySource = Dictionary(outcome.entries.map { ($0.image.source, $0.result) }, uniquingKeysWith: { first, _ in first })
        var successful: [DirectImageMigration.ImageStreamReference] = []
        var failed: [DirectImageMigration.ImageStreamReference] = []
        for stream in streams {
            let errors = discovery.references(in: stream).compactMap { image -> String? in
                if case .failed(let error)? = resultsBySource[image] { return "\(image): \(error.message)" }
                return nil
            }
            let streamRecord = try await finishDirectImageStreamMigration(for: stream, of: record, errors: errors)
            var reference = Self.listEntry(for: stream, scope: scope)
            reference.directMigration = MigrationObjectReference(name: streamRecord.name, namespace: streamRecord.namespace)
            if errors.isEmpty {
                successful.append(reference)
            } else {
                reference.errors = errors
                failed.append(reference)
            }
        }
        var status = record.status
        status.newISs = nil
        status.successfulISs = successful
        status.failedISs = failed.isEmpty ? nil : failed
        status.phase = failed.isEmpty && outcome.failures.isEmpty ? "Completed" : "Failed"
        status.errors = outcome.failures.isEmpty ? nil : outcome.failures.map(\.progressLine)
        status.conditions = [
            outcome.failures.isEmpty
                ? MigrationCondition(type: "Succeeded", reason: "Completed", category: MigrationCondition.Category.advisory,
                    message: "\(outcome.entries.count) image(s) copied or already present")
                : MigrationCondition(type: "Failed", reason: "ImageCopyFailed", category: MigrationCondition.Category.critical,
                    message: "\(outcome.failures.count) of \(outcome.entries.count) image(s) could not be copied")
        ]
        record.status = status
        _ = try await host.updateStatus(record.encoded())
    }

    /// Whether `object` is an OpenShift ImageStream.
    static func isImageStream(_ object: KubeObject) -> Bool {
        object.kind == "ImageStream" && object.groupVersion.group == "image.openshift.io"
    }

    private static func listEntry(for stream: KubeObject, scope: MigrationScope) -> DirectImageMigration.ImageStreamReference {
        let namespace = stream.namespace ?? ""
        return DirectImageMigration.ImageStreamReference(
            name: stream.name, namespace: namespace, destNamespace: scope.namespaceMapping[namespace] ?? namespace)
    }

    /// The migration's DirectImageMigration, created when it does not exist yet (a resumed
    /// migration finds the one it created before).
    private func directImageMigration(_ scope: MigrationScope) async throws -> DirectImageMigration {
        let resource = MigrationResourceType.directImageMigration.resource
        let migration = scope.migration
        do {
            return try DirectImageMigration(object: try await host.get(resource, name: migration.name, namespace: migration.namespace))
        } catch let error as KubeAPIError where error.isNotFound {
            var spec = DirectImageMigration.Spec()
            spec.srcMigClusterRef = scope.plan.spec.srcMigClusterRef
            spec.destMigClusterRef = scope.plan.spec.destMigClusterRef
            spec.namespaces = scope.plan.sourceNamespaces.map { namespace in
                let destination = scope.namespaceMapping[namespace] ?? namespace
                return destination == namespace ? namespace : "\(namespace):\(destination)"
            }
            var created = DirectImageMigration(name: migration.name, namespace: migration.namespace, spec: spec)
            created.object.ownerReferences = [OwnerReference(controlledBy: migration.object)]
            return try DirectImageMigration(object: try await host.create(created.encoded()))
        }
    }
}
