import FerryAPI
import FerryImages
import KubeClient
import KubeCore

extension MigrationRunner {
    /// Records the image step on the host as a DirectImageMigration named after the
    /// migration and owned by it, with each migrated ImageStream listed as copied or failed,
    /// so tools that read MTC's resources see the copy.
    func recordDirectImageMigration(
        _ scope: MigrationScope, objects: [KubeObject], discovery: ImageDiscovery, outcome: ImageMigrationOutcome
    ) async throws {
        let resultsBySource = Dictionary(outcome.entries.map { ($0.image.source, $0.result) }, uniquingKeysWith: { first, _ in first })
        var status = DirectImageMigration.Status()
        var successful: [DirectImageMigration.ImageStreamReference] = []
        var failed: [DirectImageMigration.ImageStreamReference] = []
        for stream in objects where stream.kind == "ImageStream" && stream.groupVersion.group == "image.openshift.io" {
            let namespace = stream.namespace ?? ""
            var reference = DirectImageMigration.ImageStreamReference(
                name: stream.name, namespace: namespace, destNamespace: scope.namespaceMapping[namespace] ?? namespace)
            let errors = discovery.references(in: stream).compactMap { image -> String? in
                if case .failed(let error)? = resultsBySource[image] { return "\(image): \(error.message)" }
                return nil
            }
            if errors.isEmpty {
                successful.append(reference)
            } else {
                reference.errors = errors
                failed.append(reference)
            }
        }
        status.successfulISs = successful
        status.failedISs = failed.isEmpty ? nil : failed
        status.phase = failed.isEmpty && outcome.failures.isEmpty ? "Completed" : "Failed"
        status.startTimestamp = KubeTime.now()
        status.errors = outcome.failures.isEmpty ? nil : outcome.failures.map(\.progressLine)
        status.conditions = [
            outcome.failures.isEmpty
                ? MigrationCondition(type: "Succeeded", reason: "Completed", category: MigrationCondition.Category.advisory,
                    message: "\(outcome.entries.count) image(s) copied or already present")
                : MigrationCondition(type: "Failed", reason: "ImageCopyFailed", category: MigrationCondition.Category.critical,
                    message: "\(outcome.failures.count) of \(outcome.entries.count) image(s) could not be copied")
        ]
        try await writeDirectImageMigration(scope, status: status)
    }

    private func writeDirectImageMigration(_ scope: MigrationScope, status: DirectImageMigration.Status) async throws {
        let resource = MigrationResourceType.directImageMigration.resource
        let migration = scope.migration
        var record: DirectImageMigration
        do {
            record = try DirectImageMigration(object: try await host.get(resource, name: migration.name, namespace: migration.namespace))
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
            record = try DirectImageMigration(object: try await host.create(created.encoded()))
        }
        record.status = status
        _ = try await host.updateStatus(record.encoded())
    }
}
