import FerryTestSupport
import Foundation
import Testing

/// Runs the real `rsync` and `stunnel` programs for the tunnel tests.
enum TransferProcesses {
    /// The stunnel program (`stunnel` or Debian's `stunnel4`), nil when missing.
    static let stunnel: String? = executable(named: ["stunnel", "stunnel4"])
    /// The rsync program, nil when missing.
    static let rsync: String? = executable(named: ["rsync"])
    /// The python3 program (runs the test CONNECT proxy), nil when missing.
    static let python: String? = executable(named: ["python3"])
    /// Why the tunnel tests are skipped.
    static let skipReason: Comment = "rsync or stunnel is not installed; run scripts/setup.sh, which installs them"

    private static func executable(named names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    /// Runs `body` while `executable` runs in the background (its output in `logPath`), once
    /// something listens on `readyPort`; kills the process afterwards, whatever `body` did.
    static func withBackground<T: Sendable>(
        _ executable: String, _ arguments: [String], logPath: String, readyPort: Int,
        _ body: () async throws -> T
    ) async throws -> T {
        try await BackgroundProcess.withRunning([executable] + arguments, logPath: logPath, readyPort: readyPort, body)
    }

    /// A loopback TCP port nothing listens on right now.
    static func freePort() throws -> Int {
        try BackgroundProcess.freePort()
    }
}

/// A process the tests started did not behave.
struct ProcessFailure: Error, CustomStringConvertible {
    let description: String
}
