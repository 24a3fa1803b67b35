import Foundation
import Subprocess

/// One run of the rsync client through the tunnel: its output read in batches
/// (``BatchedOutputPipe``) and split into lines (progress reports end in carriage returns),
/// its standard error kept in a file for the error message, its statistics read at the end.
struct RsyncProcess: Sendable {
    /// How one run ended.
    struct Outcome: Sendable {
        var status: RsyncExitStatus
        /// rsync's last error lines.
        var errorTail: String
        /// What `--stats` printed (nothing when rsync did not finish).
        var statistics = RsyncStatistics()
        /// The last progress report.
        var lastProgress: RsyncProgress?

        /// `Literal data` of `--stats`: what crossed the wire (nil when rsync did not finish).
        var literalBytes: Int64? { statistics.literalBytes }
    }

    let executable: String
    let arguments: [String]
    let password: String
    let errorFile: String

    /// Runs rsync, passing each progress report to `progress` and every other output line to `line`.
    func run(
        progress: @escaping @Sendable (RsyncProgress) async -> Void, line: @escaping @Sendable (String) async -> Void = { _ in }
    ) async throws -> Outcome {
        let result: ExecutionResult<(RsyncProgress?, RsyncStatistics), FileDescriptorOutput, DiscardedOutput>
        do {
            result = try await launch(progress: progress, line: line)
        } catch {
            try Task.checkCancellation()
            throw TransferError(code: .transferFailed, message: "rsync (\(executable)) could not be run: \(error)")
        }
        let code: Int32 = switch result.terminationStatus {
        case .exited(let code): Int32(code)
        // Killed by a signal: report it the way a shell would, a failure that is not rsync's own.
        case .signaled(let signal): 128 + Int32(signal)
        }
        let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        let tail = errors.split(separator: "\n").suffix(8).joined(separator: " | ")
        return Outcome(status: RsyncExitStatus(code: code), errorTail: tail, statistics: result.closureResult.1, lastProgress: result.closureResult.0)
    }

    private func launch(
        progress: @escaping @Sendable (RsyncProgress) async -> Void, line: @escaping @Sendable (String) async -> Void
    ) async throws -> ExecutionResult<(RsyncProgress?, RsyncStatistics), FileDescriptorOutput, DiscardedOutput> {
        var platformOptions = PlatformOptions()
        platformOptions.createSession = true
        platformOptions.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(500))]
        let output = try BatchedOutputPipe()
        return try await Subprocess.run(
            .path("/bin/sh"), arguments: Arguments(["-c", "exec \"$0\" \"$@\" 2>\"$FERRY_ERRORS\"", executable] + arguments),
            environment: .inherit.updating(["RSYNC_PASSWORD": password, "FERRY_ERRORS": errorFile]),
            platformOptions: platformOptions, input: .none,
            output: .fileDescriptor(output.writeEnd, closeAfterSpawningProcess: true), error: .discarded
        ) { _ -> (RsyncProgress?, RsyncStatistics) in
            var pending: [UInt8] = []
            var last: RsyncProgress?
            var statistics = RsyncStatistics()
            try await output.readToEnd { batch in
                pending.append(contentsOf: batch)
                // A batch holds up to hundreds of per-file reports: only its latest is parsed and passed on.
                var latestReport: ArraySlice<UInt8>?
                var start = pending.startIndex
                while let end = pending[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                    let text = pending[start..<end]
                    start = end + 1
                    if Self.isProgressReport(text) {
                        latestReport = text
                    } else if !text.isEmpty {
                        statistics.read(text)
                        await line(String(decoding: text, as: UTF8.self))
                    }
                }
                if let latestReport, let report = RsyncProgressParser.parse(line: String(decoding: latestReport, as: UTF8.self)) {
                    last = report
                    await progress(report)
                }
                pending.removeSubrange(..<start)
            }
            if let report = RsyncProgressParser.parse(line: String(decoding: pending, as: UTF8.self)) {
                last = report
                await progress(report)
            } else if !pending.isEmpty {
                statistics.read(pending[...])
                await line(String(decoding: pending, as: UTF8.self))
            }
            return (last, statistics)
        }
    }

    /// Whether `line` looks like a progress report (its first non-blank character a digit, and
    /// a percentage): the other lines (statistics, itemized changes) start with a letter or a
    /// symbol.
    static func isProgressReport(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first(where: { $0 != 0x20 }), (0x30...0x39).contains(first) else { return false }
        return line.contains(0x25)
    }
}
