#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import FerryTransfer
import Foundation
import Logging
import Subprocess
import Testing

/// A scratch directory with a source and a destination volume for the local-plane tests.
struct LocalTransferFixture: Sendable {
    let directory: String
    let source: String
    let destination: String
    var manager: FileManager { .default }

    init(_ name: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-local-\(name)-\(UUID().uuidString.prefix(8))").path
        source = "\(directory)/source"
        destination = "\(directory)/destination"
        try manager.createDirectory(atPath: source, withIntermediateDirectories: true)
    }

    func remove() { try? manager.removeItem(atPath: directory) }

    /// The volume of the fixture.
    func volume(verify: Bool = false) -> LocalVolume {
        LocalVolume(id: "shop/data", sourcePath: source, destinationPath: destination, verify: verify)
    }

    /// Settings for tests: short retry delays, work files inside the fixture.
    func settings(streams: Int = 4) -> TransferSettings {
        var settings = TransferSettings()
        settings.streamsPerVolume = streams
        settings.initialRetryDelay = .milliseconds(200)
        settings.maximumRetryDelay = .seconds(1)
        settings.backoffLimit = 5
        settings.workDirectory = "\(directory)/work"
        return settings
    }

    static let logger = Logger(label: "ferry.test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs one transfer of the fixture's volume and returns its result.
    @discardableResult
    func transfer(
        _ kind: TransferKind, settings: TransferSettings? = nil, verify: Bool = false,
        instrumentation: LocalTransfer.Instrumentation = .init(), streamPolicy: StreamPolicy = .asConfigured
    ) async throws -> VolumeTransferResult {
        var transfer = LocalTransfer(settings: settings ?? self.settings(), logger: Self.logger)
        transfer.instrumentation = instrumentation
        transfer.streamPolicy = streamPolicy
        let results = try await transfer.run([volume(verify: verify)], kind: kind, progress: { _ in })
        return try #require(results.first)
    }

    // MARK: Building trees

    func write(_ path: String, _ text: String, mode: Int? = nil) throws {
        let full = "\(source)/\(path)"
        try manager.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        if let mode { try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: full) }
    }

    func write(_ path: String, bytes: Int, seed: UInt8) throws {
        let full = "\(source)/\(path)"
        try manager.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var generator = seed
        let data = Data((0..<bytes).map { _ in generator = generator &* 37 &+ 11; return generator })
        try data.write(to: URL(fileURLWithPath: full))
    }

    func setTime(_ path: String, secondsAgo: TimeInterval) throws {
        try manager.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -secondsAgo)], ofItemAtPath: "\(source)/\(path)")
    }

    func shell(_ script: String) async throws {
        try await TransferProcesses.shell(script, in: source)
    }
}

extension TransferProcesses {
    /// Runs `script` with `sh` in `directory`; fails with its output when it fails.
    static func shell(_ script: String, in directory: String) async throws {
        let result = try await Subprocess.run(
            .path("/bin/sh"), arguments: ["-c", "cd \"$0\" && \(script)", directory],
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else {
            throw ProcessFailure(description: "'\(script)' failed: \(result.standardOutput) \(result.standardError)")
        }
    }
}
