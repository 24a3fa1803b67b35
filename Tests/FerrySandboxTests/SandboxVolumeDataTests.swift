@testable import ferry
import Foundation
import Testing

@Suite("The sandbox demo's volume data")
struct SandboxVolumeDataTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-sandbox-data-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("an identical copy verifies with its file count and size; a changed or missing file fails naming it")
    func verificationNamesTheFirstDifference() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = SandboxVolumeData(namespace: "shop")
        let source = [SandboxVolumeData.ClaimDirectory(claim: "uploads", path: "\(root)/source")]
        let destination = [SandboxVolumeData.ClaimDirectory(claim: "uploads", path: "\(root)/destination")]
        try FileManager.default.createDirectory(atPath: "\(root)/source", withIntermediateDirectories: true)
        try data.write(into: source)
        try data.change(source)
        try FileManager.default.copyItem(atPath: "\(root)/source", toPath: "\(root)/destination")

        let verification = try data.verify(source: source, destination: destination)
        #expect(verification.files == 5, "README, its hard link, blob, after-stage file and the empty file")
        #expect(verification.bytes > 3 * 1_048_576)

        try Data("tampered\n".utf8).write(to: URL(fileURLWithPath: "\(root)/destination/app/nested/after-stage.bin"))
        #expect {
            _ = try data.verify(source: source, destination: destination)
        } throws: { error in
            (error as? SandboxError)?.message.contains("shop/uploads:app/nested/after-stage.bin differs") == true
        }
        try FileManager.default.removeItem(atPath: "\(root)/destination/app/nested/after-stage.bin")
        #expect {
            _ = try data.verify(source: source, destination: destination)
        } throws: { error in
            (error as? SandboxError)?.message.contains("app/nested/after-stage.bin is missing") == true
        }
    }

    @Test("a second demo run on a kept sandbox writes its files again over the first run's, changed ones included")
    func writingAgainReplacesTheLastRun() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = SandboxVolumeData(namespace: "shop")
        let volume = [SandboxVolumeData.ClaimDirectory(claim: "uploads", path: "\(root)/source")]
        try FileManager.default.createDirectory(atPath: "\(root)/source", withIntermediateDirectories: true)
        try data.write(into: volume)
        try data.change(volume)

        try data.write(into: volume)
        #expect(!FileManager.default.fileExists(atPath: "\(root)/source/app/nested/after-stage.bin"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(root)/source/app/latest") == "nested/blob.bin")
        #expect(FileManager.default.contents(atPath: "\(root)/source/app/README.txt") == Data("uploads: written by the sandbox demo\n".utf8))
    }
}
