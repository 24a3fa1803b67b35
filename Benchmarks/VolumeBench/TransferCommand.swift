import ArgumentParser
import FerryTransfer
import Foundation
import Logging

/// One copy by Ferry's local data plane (`LocalTransfer`: its own credentials, rsync daemon,
/// stunnel pair and rsync streams, set up and torn down inside the timed call), the way a
/// migration copies a claim whose directory this machine reaches.
struct TransferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Copy one directory into another with LocalTransfer and print the seconds the transfer took.")

    @Option(help: "The source volume's directory.")
    var source: String

    @Option(help: "The destination directory (created when missing).")
    var destination: String

    @Option(help: "Stage (copies what changed, deletes nothing) or cutover (also deletes what the source no longer has).")
    var kind: Kind = .stage

    @Option(help: "rsync streams per volume (default: TransferSettings' default).")
    var streams: Int?

    @Flag(help: "Also compare content checksums of both trees after the copy (not part of the benchmark's time).")
    var verify = false

    enum Kind: String, ExpressibleByArgument {
        case stage, cutover

        var transferKind: TransferKind { self == .stage ? .stage : .cutover }
    }

    func validate() throws {
        if let streams, streams < 1 { throw ValidationError("--streams must be at least 1") }
    }

    func run() async throws {
        var logger = Logger(label: "volume-bench")
        logger.logLevel = .warning
        var settings = TransferSettings()
        if let streams { settings.streamsPerVolume = streams }
        // LocalTransfer wants absolute paths (the rsync daemon's module path is one).
        let volume = LocalVolume(
            id: "bench/volume", sourcePath: URL(fileURLWithPath: source).standardizedFileURL.path,
            destinationPath: URL(fileURLWithPath: destination).standardizedFileURL.path, verify: verify)
        let clock = ContinuousClock()
        let started = clock.now
        let results = try await LocalTransfer(settings: settings, logger: logger).run([volume], kind: kind.transferKind) { _ in }
        let elapsed = clock.now - started
        for result in results {
            let progress = result.progress
            FileHandle.standardError.write(Data(
                "\(progress.id): \(progress.phase.rawValue), \(progress.filesTransferred) files, \(progress.bytesTransferred) bytes, attempt \(progress.attempt), \(result.exitStatus)\(progress.warnings.isEmpty ? "" : ", warnings: \(progress.warnings.joined(separator: "; "))")\n".utf8))
            guard result.exitStatus.isSuccess, progress.phase == .succeeded else {
                throw ValidationError("the transfer of \(progress.id) ended \(progress.phase.rawValue) with \(result.exitStatus)")
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%.3f", seconds))
    }
}
