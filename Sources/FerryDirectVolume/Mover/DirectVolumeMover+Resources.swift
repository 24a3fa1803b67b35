import FerryAPI
import FerryEngine
import FerryTransfer
import Foundation
import KubeClient
import KubeCore

/// The DirectVolumeMigration and DirectVolumeMigrationProgress resources of a copy.
extension DirectVolumeMover {
    /// How a copy ended, for its resources' status.
    enum ResourceOutcome {
        case succeeded
        case failed([String])
    }

    /// Labels of the transfer pods, as MTC sets them (users write NetworkPolicies against them).
    static let transferPodLabels = ["owner": "directvolumemigration", "app": "directvolumemigration-rsync-transfer"]

    /// `<migration>-stage` or `<migration>-cutover`.
    static func migrationResourceName(migration: String, kind: TransferKind) -> String {
        ResourceNames.bounded("\(migration)-\(kind == .stage ? "stage" : "cutover")")
    }

    /// `<migration>-<kind>-<namespace>-<claim>`.
    static func progressResourceName(migrationResource: String, volumeID: String) -> String {
        ResourceNames.bounded("\(migrationResource)-\(volumeID.replacingOccurrences(of: "/", with: "-"))")
    }

    func ensureMigrationResource(_ request: VolumeCopyRequest, placements: [VolumePlacement]) async throws -> KubeObject {
        let name = Self.migrationResourceName(migration: request.migrationName, kind: TransferKind(request.kind))
        return try await writer.ensure(MigrationResourceType.directVolumeMigration, name: name, namespace: request.migration.namespace, host: request.host) {
            var spec = DirectVolumeMigration.Spec()
            spec.srcMigClusterRef = request.sourceClusterReference
            spec.destMigClusterRef = request.destinationClusterReference
            spec.persistentVolumeClaims = request.volumes.map { volume in
                var claim = DirectVolumeMigration.Claim(name: volume.sourceName, namespace: volume.sourceNamespace)
                claim.targetNamespace = volume.destinationNamespace
                claim.targetName = volume.destinationName
                claim.verify = volume.verify
                claim.targetStorageClass = volume.targetStorageClass
                claim.targetAccessModes = volume.targetAccessModes
                claim.targetVolumeMode = volume.targetVolumeMode
                return claim
            }
            spec.backOffLimit = settings.transfer.backoffLimit
            spec.migrationType = request.kind.rawValue
            var object = DirectVolumeMigration(name: name, namespace: request.migration.namespace, spec: spec).encoded()
            object.labels = Self.labels(of: request.migration)
            object.ownerReferences = [OwnerReference(
                apiVersion: MigrationAPI.apiVersion, kind: MigMigration.resourceType.kind, name: request.migration.name, uid: request.migration.uid,
                controller: true, blockOwnerDeletion: true)]
            return object
        }
    }

    /// The MTC labels tying a resource to its migration and plan.
    static func labels(of migration: MigMigration) -> [String: String] {
        var labels = [MigrationAPI.migratedByMigrationLabel: migration.uid]
        if let plan = migration.object.ownerReferences.first(where: { $0.kind == MigPlan.resourceType.kind }) {
            labels[MigrationAPI.migratedByPlanLabel] = plan.uid
        }
        return labels
    }

    func recordStatus(
        _ request: VolumeCopyRequest, resource: KubeObject, placements: [VolumePlacement], progress: [VolumeTransferProgress], outcome: ResourceOutcome?
    ) async throws {
        let urgentOverall = outcome != nil
        for (placement, volume) in zip(placements, progress) {
            let name = Self.progressResourceName(migrationResource: resource.name, volumeID: volume.id)
            let object = try await writer.ensure(MigrationResourceType.directVolumeMigrationProgress, name: name, namespace: resource.namespace ?? "", host: request.host) {
                var spec = DirectVolumeMigrationProgress.Spec()
                spec.clusterRef = request.destinationClusterReference
                spec.podNamespace = placement.volume.destinationNamespace
                spec.podRef = MigrationObjectReference(name: volume.attempts.last?.runner, namespace: placement.volume.destinationNamespace)
                spec.podSelector = placement.plane == .pod ? Self.transferPodLabels : nil
                var object = DirectVolumeMigrationProgress(name: name, namespace: resource.namespace ?? "", spec: spec).encoded()
                var labels = Self.labels(of: request.migration)
                labels["migration.openshift.io/directvolumemigration"] = resource.name
                labels["migration.openshift.io/plane"] = placement.plane.rawValue
                object.labels = labels
                object.ownerReferences = [OwnerReference(
                    apiVersion: MigrationAPI.apiVersion, kind: DirectVolumeMigration.resourceType.kind, name: resource.name, uid: resource.uid ?? "",
                    controller: true, blockOwnerDeletion: true)]
                return object
            }
            var typed = try DirectVolumeMigrationProgress(object: object)
            typed.status = Self.progressStatus(volume, previous: typed.status)
            let previousPhase = object[path: "status", "phase"]?.stringValue
            try await writer.writeStatus(
                MigrationResourceType.directVolumeMigrationProgress, of: object, status: typed.encoded()["status"],
                urgent: previousPhase != typed.status.phase || volume.phase == .succeeded || volume.phase == .failed, host: request.host)
        }
        var migration = try DirectVolumeMigration(object: resource)
        migration.status = Self.migrationStatus(progress, placements: placements, outcome: outcome, previous: migration.status)
        let previousPhase = resource[path: "status", "phase"]?.stringValue
        try await writer.writeStatus(
            MigrationResourceType.directVolumeMigration, of: resource, status: migration.encoded()["status"],
            urgent: urgentOverall || previousPhase != migration.status.phase, host: request.host)
    }

    static func migrationStatus(
        _ progress: [VolumeTransferProgress], placements: [VolumePlacement], outcome: ResourceOutcome?, previous: DirectVolumeMigration.Status
    ) -> DirectVolumeMigration.Status {
        var status = previous
        status.startTimestamp = previous.startTimestamp ?? KubeTime.now()
        var pods: [VolumeTransferProgress.Phase: [DirectVolumeMigration.PodProgress]] = [:]
        for (placement, volume) in zip(placements, progress) {
            var entry = DirectVolumeMigration.PodProgress(
                name: volume.attempts.last?.runner ?? "\(placement.plane.rawValue)-rsync-\(placement.volume.sourceName)",
                namespace: placement.volume.destinationNamespace)
            entry.pvcRef = MigrationObjectReference(name: placement.volume.sourceName, namespace: placement.volume.sourceNamespace)
            entry.lastObservedProgressPercent = "\(volume.phase == .succeeded ? 100 : volume.percent ?? 0)%"
            entry.lastObservedTransferRate = VolumeProgressText.rate(volume.bytesPerSecond)
            entry.totalElapsedTime = VolumeProgressText.duration(volume.elapsed)
            pods[volume.phase, default: []].append(entry)
        }
        status.successfulPods = pods[.succeeded]
        status.failedPods = pods[.failed]
        status.runningPods = pods[.running]
        status.pendingPods = pods[.pending]
        switch outcome {
        case nil:
            status.phase = "Running"
            status.itinerary = "VolumeMigration"
            status.conditions = [MigrationCondition(
                type: "Running", reason: "TransferStarted", category: MigrationCondition.Category.advisory,
                message: "Copying \(progress.count) volume(s): \(progress.filter { $0.phase == .succeeded }.count) done.")]
        case .succeeded:
            status.phase = "Succeeded"
            status.itinerary = "VolumeMigration"
            status.conditions = [MigrationCondition(
                type: "Succeeded", reason: "Completed", category: MigrationCondition.Category.advisory,
                message: "The data of \(progress.count) volume(s) is on the destination.", durable: true)]
        case .failed(let errors):
            status.phase = "Failed"
            status.itinerary = "VolumeMigrationFailed"
            status.errors = errors
            status.conditions = [MigrationCondition(
                type: "Failed", reason: "TransferFailed", category: MigrationCondition.Category.critical,
                message: errors.joined(separator: "; "), durable: true)]
        }
        return status
    }

    static func progressStatus(_ volume: VolumeTransferProgress, previous: DirectVolumeMigrationProgress.Status) -> DirectVolumeMigrationProgress.Status {
        var status = previous
        status.phase = volume.phase.rawValue
        let percent = volume.phase == .succeeded ? 100 : volume.percent ?? 0
        status.totalProgressPercentage = "\(percent)"
        status.lastObservedProgressPercent = "\(percent)%"
        status.lastObservedTransferRate = VolumeProgressText.rate(volume.bytesPerSecond)
        status.rsyncElapsedTime = VolumeProgressText.duration(volume.elapsed)
        status.transferredBytes = Int(volume.bytesTransferred)
        status.transferredFiles = volume.filesTransferred
        let last = volume.attempts.last
        status.exitCode = last?.exitCode.map(Int.init)
        status.logMessage = last?.message ?? (volume.warnings.isEmpty ? nil : volume.warnings.joined(separator: "; "))
        status.rsyncPodStatuses = volume.attempts.isEmpty ? nil : volume.attempts.map { attempt in
            var entry = DirectVolumeMigrationProgress.Attempt(podName: attempt.runner ?? "attempt-\(attempt.number)", podPhase: Self.phase(of: attempt))
            entry.exitCode = attempt.exitCode.map(Int.init)
            entry.logMessage = attempt.message
            entry.creationTimestamp = KubeTime.format(secondsSince1970: Int64(attempt.started.timeIntervalSince1970))
            if let ended = attempt.ended { entry.rsyncElapsedTime = VolumeProgressText.duration(.seconds(ended.timeIntervalSince(attempt.started))) }
            return entry
        }
        return status
    }

    static func phase(of attempt: TransferAttempt) -> String {
        guard attempt.ended != nil else { return "Running" }
        guard let code = attempt.exitCode else { return "Failed" }
        return RsyncExitStatus(code: code).isSuccess ? "Succeeded" : "Failed"
    }

    /// Marks the migration's DirectVolumeMigrations that were still running as ended by the
    /// itinerary (`Canceled`, `Failed`), so nothing looks in progress after the migration.
    func endUnfinishedResources(_ request: VolumeCleanupRequest) async throws {
        for kind in [TransferKind.stage, .cutover] {
            let name = Self.migrationResourceName(migration: request.migration.name, kind: kind)
            let object: KubeObject
            do {
                object = try await request.host.get(DirectVolumeMigration.resourceType.resource, name: name, namespace: request.migration.namespace)
            } catch let error as KubeAPIError where error.isNotFound {
                continue
            }
            var resource = try DirectVolumeMigration(object: object)
            guard ["Running", nil].contains(resource.status.phase) else { continue }
            let canceled = request.itinerary == "Cancel"
            resource.status.phase = canceled ? "Canceled" : "Failed"
            resource.status.itinerary = "VolumeMigrationFailed"
            resource.status.conditions = [MigrationCondition(
                type: canceled ? "Canceled" : "Failed", reason: canceled ? "MigrationCanceled" : "MigrationFailed",
                category: canceled ? MigrationCondition.Category.advisory : MigrationCondition.Category.critical,
                message: "The migration ended (\(request.itinerary)) before the copy did; its transfers were stopped.", durable: true)]
            _ = try await request.host.updateStatus(DirectVolumeMigration.resourceType.resource, resource.encoded(), namespace: request.migration.namespace)
        }
        writer.forget(namespace: request.migration.namespace, prefix: request.migration.name)
    }
}
