import Foundation
import Subprocess

/// One run of the rsync client through the tunnel: its output read line by line as it comes
/// (progress reports end in carriage returns), its standard error kept in a file for the
/// error message, its statistics read at the end.
struct RsyncProcess: Sendable {
    /// How one run ended.
    struct Outcome: Sendable {
        var status: RsyncExitStatus
        /// rsync's last error lines.
        var errorTail: String
        /// `Literal data` of `--stats`: what crossed the wire (nil when rsync did not finish).
        var literalBytes: Int64?
        /// The last progress report.
        var lastProgress: RsyncProgress?
    }

    let executable: String
    let arguments: [String]
    let password: String
    let errorFile: String

    /// Runs rsync, passing each progress report to `progress` and every other output line to `line`.
    func run(
        progress: @escaping @Sendable (RsyncProgress) async -> Void, line: @escaping @Sendable (String) async -> Void = { _ in }
    ) async throws -> Outcome {
        let result: ExecutionResult<(RsyncProgress?, Int64?), SequenceOutput, DiscardedOutput>
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
        return Outcome(status: RsyncExitStatus(code: code), errorTail: tail, literalBytes: result.closureResult.1, lastProgress: result.closureResult.0)
    }

    private func launch(
        progress: @escaping @Sendable (RsyncProgress) async -> Void, line: @escaping @Sendable (String) async -> Void
    ) async throws -> ExecutionResult<(RsyncProgress?, Int64?), SequenceOutput, DiscardedOutput> {
        var platformOptions = PlatformOptions()
        platformOptions.createSession = true
        platformOptions.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(500))]
        return try await Subprocess.run(
            .path("/bin/sh"), arguments: Arguments(["-c", "exec \"$0\" \"$@\" 2>\"$FERRY_ERRORS\"", executable] + arguments),
            environment: .inherit.updating(["RSYNC_PASSWORD": password, "FERRY_ERRORS": errorFile]),
            platformOptions: platformOptions, input: .none, output: .sequence, error: .discarded
        ) { execution -> (RsyncProgress?, Int64?) in
            var pending: [UInt8] = []
            var last: RsyncProgress?
            var literal: Int64?
            func handle(_ bytes: ArraySlice<UInt8>) async {
                let text = String(decoding: bytes, as: UTF8.self)
                if let report = RsyncProgressParser.parse(line: text) {
                    last = report
                    await progress(report)
                } else if text.hasPrefix("Literal data: ") {
                    literal = Int64(text.dropFirst(14).prefix(while: { $0 != " " }).filter { $0 != "," })
                } else if !text.isEmpty {
                    await line(text)
                }
            }
            for try await buffer in execution.standardOutput {
                buffer.withUnsafeBytes { pending.append(contentsOf: $0) }
                while let end = pending.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                    await handle(pending[..<end])
                    pending.removeSubrange(...end)
                }
            }
            if !pending.isEmpty { await handle(pending[...]) }
            return (last, literal)
        }
    }
}
