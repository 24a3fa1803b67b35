import FerryAPI
import KubeClient
import KubeCore

extension MigrationRunner {
    /// The DirectImageStreamMigration of `stream` under `record`, created in phase `Running`
    /// when it does not exist yet.
    func directImageStreamMigration(
        for stream: KubeObject, of record: DirectImageMigration, scope: MigrationScope
    ) async throws -> DirectImageStreamMigration {
        let resource = MigrationResourceType.directImageStreamMigration.resource
        let name = Self.directImageStreamMigrationName(record: record.name, stream: stream)
        do {
            return try DirectImageStreamMigration(object: try await host.get(resource, name: name, namespace: record.namespace))
        } catch let error as KubeAPIError where error.isNotFound {
            let namespace = stream.namespace ?? ""
            var spec = DirectImageStreamMigration.Spec()
            spec.srcMigClusterRef = record.spec.srcMigClusterRef
            spec.destMigClusterRef = record.spec.destMigClusterRef
            spec.imageStreamRef = MigrationObjectReference(name: stream.name, namespace: namespace)
            spec.destNamespace = scope.namespaceMapping[namespace] ?? namespace
            var created = DirectImageStreamMigration(name: name, namespace: record.namespace, spec: spec)
            created.object.ownerReferences = [OwnerReference(controlledBy: record.object)]
            var stored = try DirectImageStreamMigration(object: try await host.create(created.encoded()))
            stored.status.phase = "Running"
            stored.status.startTimestamp = KubeTime.now()
            stored.status.conditions = [
                MigrationCondition(type: "Running", reason: "CopyingImages", category: MigrationCondition.Category.advisory,
                    message: "Copying the images of ImageStream \(namespace)/\(stream.name)")
            ]
            return try DirectImageStreamMigration(object: try await host.updateStatus(stored.encoded()))
        }
    }

    /// Marks the DirectImageStreamMigration of `stream` completed, or failed with `errors`
    /// (the registry's own errors for the stream's images).
    func finishDirectImageStreamMigration(
        for stream: KubeObject, of record: DirectImageMigration, errors: [String]
    ) async throws -> DirectImageStreamMigration {
        let resource = MigrationResourceType.directImageStreamMigration.resource
        let name = Self.directImageStreamMigrationName(record: record.name, stream: stream)
        var streamRecord = try DirectImageStreamMigration(object: try await host.get(resource, name: name, namespace: record.namespace))
        let reference = "ImageStream \(stream.namespace ?? "")/\(stream.name)"
        streamRecord.status.phase = errors.isEmpty ? "Completed" : "Failed"
        streamRecord.status.errors = errors.isEmpty ? nil : errors
        streamRecord.status.conditions = [
            errors.isEmpty
                ? MigrationCondition(type: "Succeeded", reason: "Completed", category: MigrationCondition.Category.advisory,
                    message: "The images of \(reference) are in the destination registry")
                : MigrationCondition(type: "Failed", reason: "ImageCopyFailed", category: MigrationCondition.Category.critical,
                    message: "\(errors.count) image(s) of \(reference) could not be copied")
        ]
        return try DirectImageStreamMigration(object: try await host.updateStatus(streamRecord.encoded()))
    }

    /// `<dim>-<namespace>-<stream>`, shortened with a hash to fit a Kubernetes name when long.
    static func directImageStreamMigrationName(record: String, stream: KubeObject) -> String {
        let full = "\(record)-\(stream.namespace ?? "")-\(stream.name)"
        guard full.count > 253 else { return full }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in full.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let suffix = String(hash, radix: 16)
        var prefix = full.prefix(252 - suffix.count)
        while prefix.last == "-" || prefix.last == "." { prefix.removeLast() }
        return "\(prefix)-\(suffix)"
    }
}
