import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ferry sandbox down`: stops a sandbox started with `up`.
struct SandboxDown: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "down", abstract: "Stop the sandbox running from a state directory.")

    @Option(name: .customLong("state-dir"), help: "The directory given to `ferry sandbox up`.")
    var stateDirectory: String

    func run() async throws {
        let layout = SandboxLayout(directory: URL(fileURLWithPath: stateDirectory).standardizedFileURL.path)
        guard let pid = SandboxProcess.runningPID(layout) else {
            try? FileManager.default.removeItem(atPath: layout.pidFile)
            print("No sandbox is running from \(layout.directory).")
            return
        }
        guard kill(pid, SIGTERM) == 0 else {
            throw SandboxError(code: "signal-failed", message: "cannot signal sandbox process \(pid): \(String(cString: strerror(errno)))")
        }
        for _ in 0..<100 {
            if !SandboxProcess.isAlive(pid) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard !SandboxProcess.isAlive(pid) else {
            throw SandboxError(code: "stop-timeout", message: "sandbox process \(pid) did not stop within 10 seconds")
        }
        try? FileManager.default.removeItem(atPath: layout.pidFile)
        print("Sandbox stopped (pid \(pid)). Its objects stay in \(layout.directory); `ferry sandbox up` resumes them.")
    }
}
