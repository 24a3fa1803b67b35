import FerryAPI
import FerryDirectVolume
import FerryEngine
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Direct volume mover: cancellation")
struct TransferCancellationTests {
    /// Processes whose command line mentions `text`.
    static func processes(mentioning text: String) -> [String] {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = manager.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return line.contains(text) ? "\(pid): \(line)" : nil
        }
    }

    @Test("canceling a migration during a slow copy stops the rsync and stunnel processes and ends Canceled", .timeLimit(.minutes(2)))
    func cancelStopsTheTransfer() async throws {
        try await VolumeWorld.with { world in
            let sourceDirectory = try await world.makeClaim()
            try FileTree.populate(sourceDirectory, megabytes: 8)
            let plan = try await world.makePlan(namespaces: ["shop"])
            var settings = DirectVolumeSettings()
            settings.transfer.bandwidthLimitKiBps = 100
            settings.transfer.workDirectory = world.scratch
            try await VolumeWorld.withMover(settings) { mover in
                var sawRunning = false
                let stage = try await world.runToEnd(try await world.makeMigration("stage", plan: plan, stage: true), plan: plan, mover: mover) { current in
                    guard !sawRunning, current.spec.canceled != true else { return }
                    let lines = current.status.pipeline?.first { $0.name == "DirectVolume" }?.progress ?? []
                    guard lines.contains(where: { $0.hasPrefix("shop/data:") && $0.contains("elapsed") }),
                        !Self.processes(mentioning: world.scratch).isEmpty
                    else { return }
                    sawRunning = true
                    var object = try await world.host.get(MigrationResourceType.migMigration.resource, name: current.name, namespace: current.namespace)
                    object[path: "spec", "canceled"] = true
                    _ = try await world.host.update(MigrationResourceType.migMigration.resource, object, namespace: current.namespace)
                }
                #expect(sawRunning, "the copy was seen running with its processes")
                #expect(stage.status.conditions?.isTrue("Canceled") == true, "\(stage.status.conditions ?? [])")
                var remaining = Self.processes(mentioning: world.scratch)
                for _ in 0..<100 where !remaining.isEmpty {
                    try await Task.sleep(for: .milliseconds(100))
                    remaining = Self.processes(mentioning: world.scratch)
                }
                #expect(remaining.isEmpty, "transfer processes still running: \(remaining)")
                let resource = try await world.host.get(
                    DirectVolumeMigration.resourceType.resource, name: "stage-stage", namespace: MigrationAPI.defaultNamespace)
                #expect(resource[path: "status", "phase"]?.stringValue == "Canceled")
            }
        }
    }
}
