import FerryTestSupport
import Foundation
import Subprocess
import Testing

/// Runs a transfer pod's container commands as local processes.
enum PodProcesses {
    /// Whether rsync, stunnel and the shell tools the commands use are installed.
    static let available = ["/usr/bin/rsync", "/usr/bin/stunnel", "/usr/bin/install", "/bin/sh"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    /// Why the process tests are skipped.
    static let skipReason: Comment = "rsync or stunnel is not installed in /usr/bin; run scripts/setup.sh"

    /// Runs `body` while `command` runs in the background (its output in `logPath`), once
    /// something listens on `readyPort`; kills the process afterwards.
    static func withBackground<T: Sendable>(
        _ command: [String], environment: [Environment.Key: String?] = [:], logPath: String, readyPort: Int, _ body: () async throws -> T
    ) async throws -> T {
        try await BackgroundProcess.withRunning(command, environment: environment, logPath: logPath, readyPort: readyPort, body)
    }

    /// Runs `command` to its end; returns its exit code and output.
    static func run(_ command: [String], environment: [Environment.Key: String?]) async throws -> (code: Int32, output: String) {
        let result = try await Subprocess.run(
            .name("timeout"), arguments: Arguments(["30"] + command), environment: .inherit.updating(environment),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        let code: Int32 = if case .exited(let code) = result.terminationStatus { Int32(code) } else { -1 }
        return (code, result.standardOutput + result.standardError)
    }

    /// A loopback TCP port nothing listens on right now.
    static func freePort() throws -> Int {
        try BackgroundProcess.freePort()
    }
}
