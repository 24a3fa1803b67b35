import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pid file of a running sandbox and signals to it.
enum SandboxProcess {
    /// Writes this process's pid.
    static func writePID(_ layout: SandboxLayout) throws {
        try Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: layout.pidFile), options: .atomic)
    }

    /// The pid in the pid file, when that process is alive.
    static func runningPID(_ layout: SandboxLayout) -> Int32? {
        guard let text = try? String(contentsOfFile: layout.pidFile, encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
        else { return nil }
        return isAlive(pid) ? pid : nil
    }

    /// Whether a process with `pid` exists.
    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
