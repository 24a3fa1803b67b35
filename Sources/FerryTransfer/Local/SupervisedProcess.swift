import Foundation
import Logging
import Subprocess

/// A tunnel process kept running for the whole transfer: restarted when it exits (a killed
/// stunnel comes back, as a pod's container would), stopped with SIGTERM then SIGKILL when
/// the transfer ends or is cancelled.
struct SupervisedProcess: Sendable {
    let role: LocalTunnel.Role
    let executable: String
    let arguments: [String]
    /// Where its standard output and error go.
    let logFile: String
    /// The loopback port it listens on.
    let port: Int

    /// Exits within this time of the start count as a crash loop.
    private static let quickExit: Duration = .seconds(2)
    /// After this many quick exits in a row the tunnel is declared broken.
    private static let quickExitLimit = 5

    /// Runs the process until the task is cancelled, restarting it whenever it exits.
    func keepRunning(logger: Logger, started: @escaping @Sendable (LocalTunnel.Role, Int32) async -> Void) async throws {
        var quickExits = 0
        while !Task.isCancelled {
            let start = ContinuousClock.now
            let status = try await runOnce(started: started)
            if Task.isCancelled { return }
            quickExits = ContinuousClock.now - start < Self.quickExit ? quickExits + 1 : 0
            logger.warning("\(role.rawValue) exited; restarting it", metadata: ["status": "\(status)", "log": "\(logFile)"])
            guard quickExits < Self.quickExitLimit else {
                throw TransferError(code: .tunnel, message: "the \(role.rawValue) keeps exiting (\(status)); its log: \(logTail())")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Runs the process once, to its end (or the task's cancellation, which tears it down).
    private func runOnce(started: @escaping @Sendable (LocalTunnel.Role, Int32) async -> Void) async throws -> TerminationStatus {
        var platformOptions = PlatformOptions()
        // Its own session, so the teardown also reaches the daemon's per-connection children.
        platformOptions.createSession = true
        // Torn down once every client rsync has exited (or on cancellation): nothing is left to
        // finish. stunnel exits within milliseconds of SIGTERM. rsync's handler for SIGTERM first
        // sleeps 400 ms (so that an ssh asking for a password can restore the terminal), so a
        // grace period shorter than that only delays every transfer's end; the daemon and its
        // per-connection children get SIGKILL at once, which is what they got after 50 ms before.
        platformOptions.teardownSequence = role == .daemon
            ? [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .milliseconds(50))]
            : [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(50))]
        do {
            let result = try await Subprocess.run(
                .path("/bin/sh"), arguments: Arguments(["-c", "exec \"$0\" \"$@\" >>\"$FERRY_LOG\" 2>&1", executable] + arguments),
                environment: .inherit.updating(["FERRY_LOG": logFile]), platformOptions: platformOptions,
                input: .none, output: .discarded, error: .discarded
            ) { execution in
                await started(role, execution.processIdentifier.value)
            }
            return result.terminationStatus
        } catch {
            try Task.checkCancellation()
            throw TransferError(code: .tunnel, message: "the \(role.rawValue) (\(executable)) could not be started: \(error)")
        }
    }

    /// The last lines of the process's log.
    func logTail(lines: Int = 10) -> String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: " | ")
    }
}
