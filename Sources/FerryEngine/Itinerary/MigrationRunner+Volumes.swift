import FerryAPI
import KubeClient
import KubeCore

extension MigrationRunner {
    static let claimKind = GroupKind(group: "", kind: "PersistentVolumeClaim")

    /// Creates the destination namespaces and claims (and, at cutover, the moved volumes),
    /// then lets the data mover copy the data.
    func moveVolumes(_ scope: MigrationScope, kind: VolumeCopyRequest.Kind) async throws -> PhaseResult {
        let migrated = try await collectAndTransform(scope, onlyKinds: [Self.claimKind])
        let claims = migrated.pairs.filter { $0.object.kind == "PersistentVolumeClaim" }
        // A move hands the same storage over, so it happens once, at cutover: in a stage the
        // source application still writes to it.
        let objects = migrated.pairs.filter { pair in
            guard kind == .stage else { return true }
            if pair.object.kind == "PersistentVolume" { return false }
            if pair.object.kind == "PersistentVolumeClaim" {
                return scope.action(forClaim: pair.source.namespace ?? "", pair.source.name) != .move
            }
            return true
        }.map(\.object)
        let moved = kind == .cutover ? scope.movedVolumeNames : []
        if claims.isEmpty && moved.isEmpty {
            return .skipped("No persistent volume claims to migrate")
        }
        if !moved.isEmpty {
            _ = try await SourceVolumeRetention(client: source, logger: logger).retain(volumeNames: moved)
        }
        let report = try await restoreOnDestination(objects, scope: scope)
        var progress = ["\(report.created.count) created, \(report.alreadyRestored.count) already there (namespaces, claims, volumes)"]
        progress += moved.map { "PersistentVolume \($0): moved (same storage, source kept with reclaim policy Retain)" }
        let volumes: [VolumeCopyRequest.Volume] = claims.compactMap { pair in
            let namespace = pair.source.namespace ?? ""
            let name = pair.source.name
            guard scope.action(forClaim: namespace, name) == .copy else { return nil }
            let verify = scope.migration.spec.verify == true
                || (scope.plan.spec.persistentVolumes ?? []).contains {
                    $0.pvc?.namespace == namespace && $0.pvc?.sourceName == name && $0.selection?.verify == true
                }
            return VolumeCopyRequest.Volume(
                sourceNamespace: namespace, sourceName: name,
                destinationNamespace: pair.object.namespace ?? namespace, destinationName: pair.object.name, verify: verify,
                targetStorageClass: pair.object[path: "spec", "storageClassName"]?.stringValue,
                targetAccessModes: pair.object[path: "spec", "accessModes"]?.arrayValue?.compactMap(\.stringValue),
                targetVolumeMode: pair.object[path: "spec", "volumeMode"]?.stringValue)
        }
        guard !volumes.isEmpty else {
            return .done("No volume data to copy", progress: progress)
        }
        let request = VolumeCopyRequest(
            kind: kind, migration: scope.migration, volumes: volumes, host: host, source: source, destination: destination,
            sourceClusterReference: scope.plan.spec.srcMigClusterRef, destinationClusterReference: scope.plan.spec.destMigClusterRef)
        switch try await dataMover.copy(request) {
        case .completed(let lines):
            return .done("Volume step finished for \(volumes.count) claim(s)", progress: progress + lines)
        case .running(let lines):
            return .running("Copying the data of \(volumes.count) claim(s)", progress: progress + lines)
        }
    }

    /// Lets the data mover stop the migration's transfers and delete their resources.
    func cleanUpVolumeTransfers(_ scope: MigrationScope) async throws {
        try await dataMover.cleanUp(VolumeCleanupRequest(
            migration: scope.migration, itinerary: scope.migration.status.itinerary ?? "", host: host, source: source, destination: destination))
    }
}
