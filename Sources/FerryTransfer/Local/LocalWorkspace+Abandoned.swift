#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// Work directories whose Ferry process died (SIGKILL, out of memory, a crash) before it could
/// tear its tunnel down: their rsync daemon and stunnel processes would otherwise keep listening
/// on loopback with a dead run's credentials until the machine restarts.
extension LocalWorkspace {
    /// The file naming the process that owns a work directory: its pid and start time, so a
    /// pid the kernel has since given to another process is not taken for the owner.
    static let ownerFileName = "owner"
    /// Present in a work directory kept for debugging (`keepTransferResources`): swept of its
    /// processes, never removed.
    static let keptFileName = "kept"
    /// The pid files the tunnel's processes write into their work directory.
    static let tunnelPidFiles = ["rsyncd.pid", "server.pid", "client.pid"]

    /// Records this process as the work directory's owner.
    func recordOwner() throws {
        guard let identity = ProcessIdentity.current() else { return }
        try Data("\(identity.pid) \(identity.startTime)\n".utf8).write(to: URL(fileURLWithPath: file(Self.ownerFileName)))
    }

    /// Stops the tunnel processes of every work directory in `base` whose owner is gone and
    /// removes those directories (a kept one stays, without its processes). Directories without
    /// an owner file, or whose owner still runs (another transfer, another Ferry), are left alone.
    static func sweepAbandoned(in base: String, logger: Logger) {
        // The temporary directory may hold thousands of entries; looking each up (as Foundation's
        // listing does) cost 60 ms of every transfer's start.
        for name in DirectoryNames.read(base, prefix: "ferry-transfer-") ?? [] {
            let path = "\(base)/\(name)"
            guard let owner = try? String(contentsOfFile: "\(path)/\(ownerFileName)", encoding: .utf8),
                  let identity = ProcessIdentity(recorded: owner), !identity.isRunning else { continue }
            var stopped: [Int32] = []
            for pidFile in tunnelPidFiles {
                guard let text = try? String(contentsOfFile: "\(path)/\(pidFile)", encoding: .utf8),
                      let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1,
                      ProcessIdentity.commandLine(of: pid)?.contains(path) == true else { continue }
                // Each tunnel process leads its own process group (the daemon's per-connection children are in it).
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                stopped.append(pid)
            }
            let kept = FileManager.default.fileExists(atPath: "\(path)/\(keptFileName)")
            // A kept directory stays for whoever debugs it; it is only worth a word when it still ran something.
            if kept, stopped.isEmpty { continue }
            if !kept { try? FileManager.default.removeItem(atPath: path) }
            logger.warning("stopped the tunnel of a transfer whose process is gone", metadata: [
                "workDirectory": "\(path)", "owner": "\(identity.pid)", "stopped": "\(stopped)", "removed": "\(!kept)",
            ])
        }
    }
}
