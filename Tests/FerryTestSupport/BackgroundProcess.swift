import FerryTransfer
import Foundation
public import Subprocess

/// Runs a real program (rsync, stunnel, a daemon) in the background for as long as a test
/// needs it, and finds loopback ports for such programs.
public enum BackgroundProcess {
    /// Runs `body` while `command` runs in the background (its output in `logPath`), once
    /// something listens on `readyPort`; kills the process afterwards, whatever `body` did.
    public static func withRunning<T: Sendable>(
        _ command: [String], environment: [Environment.Key: String?] = [:], logPath: String, readyPort: Int,
        _ body: () async throws -> T
    ) async throws -> T {
        var environment = environment
        environment["LOG"] = logPath
        let outcome = try await Subprocess.run(
            .path("/bin/sh"), arguments: Arguments(["-c", "exec \"$0\" \"$@\" >\"$LOG\" 2>&1"] + command),
            environment: .inherit.updating(environment),
            input: .none, output: .discarded, error: .discarded
        ) { execution -> Result<T, any Error> in
            let result: Result<T, any Error>
            do {
                try await waitForListener(port: readyPort, name: command.first ?? "the process", logPath: logPath)
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            try? execution.send(signal: .kill)
            return result
        }
        return try outcome.closureResult.get()
    }

    /// A loopback TCP port nothing listens on right now.
    public static func freePort() throws -> Int {
        try LoopbackPort.free(count: 1)[0]
    }

    /// Waits up to 5 s until a TCP connection to `127.0.0.1:port` succeeds.
    private static func waitForListener(port: Int, name: String, logPath: String) async throws {
        for _ in 0..<200 {
            if LoopbackPort.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw BackgroundProcessFailure(description: "\(name) did not listen on 127.0.0.1:\(port) within 5 s; its log:\n\(log)")
    }
}

/// A background program the tests started did not behave.
public struct BackgroundProcessFailure: Error, CustomStringConvertible {
    /// What went wrong, with the program's log when there is one.
    public let description: String
}
