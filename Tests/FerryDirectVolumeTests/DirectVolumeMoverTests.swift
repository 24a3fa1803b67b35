import FerryAPI
import FerryDirectVolume
import FerryEngine
import FerryTransfer
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Direct volume mover")
struct DirectVolumeMoverTests {
    static func migrationResources(_ world: VolumeWorld, migration: MigMigration) async throws -> (DirectVolumeMigration, [DirectVolumeMigrationProgress]) {
        let label = "\(MigrationAPI.migratedByMigrationLabel)=\(migration.uid)"
        let migrations = try await world.host.listAll(
            DirectVolumeMigration.resourceType.resource, namespace: migration.namespace, options: ListOptions(labelSelector: label)).items
        let progress = try await world.host.listAll(
            DirectVolumeMigrationProgress.resourceType.resource, namespace: migration.namespace, options: ListOptions(labelSelector: label)).items
        let resource = try DirectVolumeMigration(object: try #require(migrations.first))
        return (resource, try progress.map { try DirectVolumeMigrationProgress(object: $0) })
    }

    @Test("a stage copies a claim's files to the destination volume; a cutover with verify makes it equal again, deletions included; DVM and DVMP record both", .timeLimit(.minutes(3)))
    func stageAndCutoverCarryTheData() async throws {
        try await VolumeWorld.with { world in
            let sourceDirectory = try await world.makeClaim()
            try FileTree.populate(sourceDirectory)
            let plan = try await world.makePlan(namespaces: ["shop"])
            try await VolumeWorld.withMover { mover in
                let stage = try await world.runToEnd(try await world.makeMigration("stage", plan: plan, stage: true), plan: plan, mover: mover)
                #expect(stage.status.conditions?.isTrue("Succeeded") == true, "\(stage.status.errors ?? [])")
                let destinationDirectory = try await world.volumeDirectory(of: "data", namespace: "shop", on: world.destination)
                let staged = try FileTree(reading: destinationDirectory)
                #expect(staged.difference(from: try FileTree(reading: sourceDirectory)) == nil)
                let lines = stage.status.pipeline?.first { $0.name == "DirectVolume" }?.progress ?? []
                #expect(lines.contains { $0.hasPrefix("shop/data: copied") }, "\(lines)")

                let (resource, progress) = try await Self.migrationResources(world, migration: stage)
                #expect(resource.spec.migrationType == "Stage")
                #expect(resource.spec.persistentVolumeClaims?.first?.targetName == "data")
                #expect(resource.spec.persistentVolumeClaims?.first?.targetAccessModes == ["ReadWriteOnce"])
                #expect(resource.object.ownerReferences.first?.uid == stage.uid)
                #expect(resource.status.phase == "Succeeded")
                #expect(resource.status.successfulPods?.first?.lastObservedProgressPercent == "100%")
                let volume = try #require(progress.first)
                #expect(progress.count == 1)
                #expect(volume.status.phase == "Succeeded")
                #expect(volume.status.totalProgressPercentage == "100")
                #expect((volume.status.rsyncPodStatuses ?? []).isEmpty == false)

                // Change, add and delete on the source, then cut over with verification.
                try Data("changed\n".utf8).write(to: URL(fileURLWithPath: "\(sourceDirectory)/greeting.txt"))
                try Data("new\n".utf8).write(to: URL(fileURLWithPath: "\(sourceDirectory)/nested/added.txt"))
                try FileManager.default.removeItem(atPath: "\(sourceDirectory)/nested/blob.bin")
                let cutover = try await world.runToEnd(try await world.makeMigration("cutover", plan: plan, stage: false, verify: true), plan: plan, mover: mover)
                #expect(cutover.status.conditions?.isTrue("Succeeded") == true, "\(cutover.status.errors ?? [])")
                let final = try FileTree(reading: destinationDirectory)
                #expect(final.difference(from: try FileTree(reading: sourceDirectory)) == nil)
                #expect(final.entries["nested/blob.bin"] == nil, "the cutover deletes what the source deleted")
                let cutoverLines = cutover.status.pipeline?.first { $0.name == "DirectVolume" }?.progress ?? []
                #expect(cutoverLines.contains { $0.contains("checksums verified") }, "\(cutoverLines)")
                let (cutoverResource, _) = try await Self.migrationResources(world, migration: cutover)
                #expect(cutoverResource.spec.migrationType == "CutOver")
                #expect(cutoverResource.spec.persistentVolumeClaims?.first?.verify == true)
                #expect(cutoverResource.status.phase == "Succeeded")
            }
        }
    }

    @Test("a failing transfer fails the migration with rsync's exit code and message, in the MigMigration and in the DVMP", .timeLimit(.minutes(2)))
    func failingTransferFailsTheMigration() async throws {
        try await VolumeWorld.with { world in
            let sourceDirectory = try await world.makeClaim()
            try FileTree.populate(sourceDirectory, megabytes: 1)
            let plan = try await world.makePlan(namespaces: ["shop"])
            var settings = DirectVolumeSettings()
            settings.transfer.extraOptions = ["--no-such-rsync-option"]
            settings.transfer.backoffLimit = 1
            settings.transfer.initialRetryDelay = .milliseconds(10)
            try await VolumeWorld.withMover(settings) { mover in
                let stage = try await world.runToEnd(try await world.makeMigration("stage", plan: plan, stage: true), plan: plan, mover: mover)
                #expect(stage.status.conditions?.isTrue("Failed") == true)
                let errors = (stage.status.errors ?? []).joined(separator: "\n")
                #expect(errors.contains("shop/data"), "\(errors)")
                #expect(errors.contains("exit code 1") || errors.contains("exited with 1"), "\(errors)")
                #expect(errors.contains("no-such-rsync-option"), "\(errors)")

                let (resource, progress) = try await Self.migrationResources(world, migration: stage)
                #expect(resource.status.phase == "Failed")
                let volume = try #require(progress.first)
                #expect(volume.status.phase == "Failed")
                #expect(volume.status.exitCode == 1)
                #expect(volume.status.logMessage?.contains("no-such-rsync-option") == true, "\(volume.status.logMessage ?? "")")
            }
        }
    }
}
