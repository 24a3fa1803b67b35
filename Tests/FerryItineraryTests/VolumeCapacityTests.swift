import FerryEngine
import Foundation
import Testing

@Suite("Storage capacities, proposals and usage")
struct VolumeCapacityTests {
    @Test("quantities parse with binary and decimal suffixes and format rounded up to a whole Gi or Mi")
    func quantities() throws {
        #expect(StorageCapacity(parsing: "10Gi") == StorageCapacity(bytes: 10_737_418_240))
        #expect(StorageCapacity(parsing: "500M") == StorageCapacity(bytes: 500_000_000))
        #expect(StorageCapacity(parsing: "1.5Gi") == StorageCapacity(bytes: 1_610_612_736))
        #expect(StorageCapacity(parsing: "1073741824")?.formatted == "1Gi")
        #expect(StorageCapacity(parsing: "lots") == nil)
        #expect(StorageCapacity(bytes: 1_073_741_825).formatted == "2Gi")
        #expect(StorageCapacity(bytes: 1).formatted == "1Mi")
        #expect(StorageCapacity(parsing: "1500Mi")?.formatted == "2Gi")
    }

    @Test("the proposal keeps the larger of request and capacity and adds 3% of the capacity when usage leaves less free")
    func proposals() throws {
        let gi = try #require(StorageCapacity(parsing: "1Gi"))
        let calm = ProposedCapacity(requested: gi, provisioned: gi, used: StorageCapacity(bytes: gi.bytes / 2))
        #expect(calm.capacity == gi && calm.reason == .noChange)
        let larger = ProposedCapacity(requested: gi, provisioned: StorageCapacity(parsing: "2Gi"), used: StorageCapacity(bytes: 10))
        #expect(larger.capacity.formatted == "2Gi" && larger.reason == .capacityMismatch)
        let full = ProposedCapacity(requested: StorageCapacity(parsing: "10Gi"), provisioned: StorageCapacity(parsing: "10Gi"), used: StorageCapacity(bytes: 10 * gi.bytes / 100 * 98))
        #expect(full.capacity.formatted == "11Gi" && full.reason == .usageExceeded, "9.8Gi used + 0.3Gi headroom, rounded up")
        #expect(full.usagePercent == 98, "rounded up as df rounds")
        let atLimit = ProposedCapacity(requested: StorageCapacity(parsing: "10Gi"), provisioned: StorageCapacity(parsing: "10Gi"), used: StorageCapacity(bytes: 10 * gi.bytes / 100 * 97))
        #expect(atLimit.reason == .noChange, "97% used leaves the 3% headroom")
    }

    @Test("usage counts allocated blocks and apparent sizes and finds sparse files")
    func usage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-usage-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/a/b", withIntermediateDirectories: true)
        try Data(repeating: 7, count: 100_000).write(to: URL(fileURLWithPath: "\(directory)/a/dense"))
        _ = FileManager.default.createFile(atPath: "\(directory)/a/b/sparse", contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: "\(directory)/a/b/sparse"))
        try handle.seek(toOffset: 50_000_000)
        try handle.write(contentsOf: Data("x".utf8))
        try handle.close()
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/link", withDestinationPath: "/nowhere")

        let usage = try VolumeUsage.measure(directory: directory)
        #expect(usage.files == 2)
        #expect(usage.apparentBytes == 100_000 + 50_000_001)
        #expect(usage.sparseFiles == 1)
        #expect(usage.allocatedBytes >= 100_000 && usage.allocatedBytes < 10_000_000)
        #expect(throws: VolumeUsageError.self) { try VolumeUsage.measure(directory: "\(directory)/missing") }
    }
}
