import FerryAPI
import FerryDirectVolume
import FerryEngine
import FerryTransfer
import Foundation
import KubeClient
import KubeCore
import Synchronization
import Testing

/// A pod plane that reports each volume running on the first reconcile and then succeeded (or
/// failed), and records what it was asked.
final class ScriptedPodPlane: PodVolumePlane {
    let fails: Bool
    let throwsOnFailure: Bool
    let reconciles = Mutex(0)
    let runAsUsers = Mutex<[Int?]>([])
    let cleanedUp = Mutex<[String]>([])

    init(fails: Bool, throwsOnFailure: Bool = false) {
        self.fails = fails
        self.throwsOnFailure = throwsOnFailure
    }

    func reconcile(_ request: VolumeCopyRequest, volumes: [VolumeCopyRequest.Volume], settings: DirectVolumeSettings) async throws -> [VolumeTransferProgress] {
        let count = reconciles.withLock { value in
            value += 1
            return value
        }
        runAsUsers.withLock { $0.append(request.migration.spec.runAsUser) }
        if fails, throwsOnFailure, count > 1, let volume = volumes.first {
            throw TransferError(
                code: .transferFailed, message: "rsync exited with 5 (error starting client-server protocol)",
                volumeID: "\(volume.sourceNamespace)/\(volume.sourceName)", exitCode: 5)
        }
        return volumes.map { volume in
            let id = "\(volume.sourceNamespace)/\(volume.sourceName)"
            guard count > 1 else { return VolumeTransferProgress(id: id, phase: .running, percent: 10, attempts: [TransferAttempt(number: 1, runner: "rsync-client", started: .now)]) }
            let attempt = TransferAttempt(
                number: 1, runner: "rsync-client", started: .now, ended: .now, exitCode: fails ? 12 : 0,
                message: fails ? "rsync error: error in rsync protocol data stream (code 12)" : nil)
            return VolumeTransferProgress(id: id, phase: fails ? .failed : .succeeded, percent: fails ? 10 : 100, attempts: [attempt])
        }
    }

    func cleanUp(migrationUID: String, source: KubeClient, destination: KubeClient) async throws {
        cleanedUp.withLock { $0.append(migrationUID) }
    }
}

@Suite("Direct volume mover: pod plane")
struct PodPlaneRoutingTests {
    static func stage(_ world: VolumeWorld, plane: ScriptedPodPlane) async throws -> MigMigration {
        _ = try await world.makeClaim()
        let plan = try await world.makePlan(namespaces: ["shop"])
        var migration = try await world.makeMigration("stage", plan: plan, stage: true)
        migration.spec.runAsUser = 1001
        migration = try MigMigration(object: try await world.host.update(migration.encoded()))
        var settings = DirectVolumeSettings()
        settings.plane = .pod
        var finished = migration
        try await VolumeWorld.withMover(settings, podPlane: plane) { mover in
            finished = try await world.runToEnd(migration, plan: plan, mover: mover)
        }
        return finished
    }

    @Test("with the pod plane selected, the pod plane copies the claim, gets the migration's runAsUser, and cleans up at the end of the stage", .timeLimit(.minutes(1)))
    func podPlaneCopiesAndCleansUp() async throws {
        try await VolumeWorld.with { world in
            let plane = ScriptedPodPlane(fails: false)
            let stage = try await Self.stage(world, plane: plane)
            #expect(stage.status.conditions?.isTrue("Succeeded") == true, "\(stage.status.errors ?? [])")
            #expect(plane.reconciles.withLock { $0 } >= 2)
            #expect(plane.runAsUsers.withLock { $0 }.allSatisfy { $0 == 1001 })
            #expect(plane.cleanedUp.withLock { $0 } == [stage.uid])
            let lines = stage.status.pipeline?.first { $0.name == "DirectVolume" }?.progress ?? []
            #expect(lines.contains { $0.hasPrefix("shop/data: copied") && $0.contains("transfer pods") }, "\(lines)")
            let progress = try await world.host.listAll(
                DirectVolumeMigrationProgress.resourceType.resource, namespace: MigrationAPI.defaultNamespace,
                options: ListOptions(labelSelector: "migration.openshift.io/plane=pod")).items
            let volume = try DirectVolumeMigrationProgress(object: try #require(progress.first))
            #expect(volume.spec.podSelector?["app"] == "directvolumemigration-rsync-transfer")
            #expect(volume.status.rsyncPodStatuses?.first?.podName == "rsync-client")
        }
    }

    @Test("a volume the pod plane fails fails the migration with rsync's code and message, and the Failed itinerary cleans up", .timeLimit(.minutes(1)))
    func podPlaneFailureFailsAndCleansUp() async throws {
        try await VolumeWorld.with { world in
            let plane = ScriptedPodPlane(fails: true)
            let stage = try await Self.stage(world, plane: plane)
            #expect(stage.status.conditions?.isTrue("Failed") == true)
            let errors = (stage.status.errors ?? []).joined(separator: "\n")
            #expect(errors.contains("shop/data") && errors.contains("exit code 12") && errors.contains("rsync protocol data stream"), "\(errors)")
            #expect(plane.cleanedUp.withLock { $0 } == [stage.uid])
        }
    }

    @Test("a TransferError from the pod plane fails the migration naming the claim and rsync's exit code, and the DVMP records it", .timeLimit(.minutes(1)))
    func podPlaneTransferErrorFailsTheMigration() async throws {
        try await VolumeWorld.with { world in
            let plane = ScriptedPodPlane(fails: true, throwsOnFailure: true)
            let stage = try await Self.stage(world, plane: plane)
            #expect(stage.status.conditions?.isTrue("Failed") == true)
            let errors = (stage.status.errors ?? []).joined(separator: "\n")
            #expect(errors.contains("claim shop/data") && errors.contains("rsync exit code 5"), "\(errors)")
            let progress = try await world.host.listAll(DirectVolumeMigrationProgress.resourceType.resource, namespace: MigrationAPI.defaultNamespace).items
            let volume = try DirectVolumeMigrationProgress(object: try #require(progress.first))
            #expect(volume.status.phase == "Failed")
            #expect(volume.status.exitCode == 5)
            #expect(plane.cleanedUp.withLock { $0 } == [stage.uid])
        }
    }
}
