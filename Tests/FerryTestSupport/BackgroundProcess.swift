#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BackgroundProcessFailure(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw BackgroundProcessFailure(description: "binding a loopback port failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to 5 s until a TCP connection to `127.0.0.1:port` succeeds.
    private static func waitForListener(port: Int, name: String, logPath: String) async throws {
        for _ in 0..<200 {
            if canConnect(port: port) { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw BackgroundProcessFailure(description: "\(name) did not listen on 127.0.0.1:\(port) within 5 s; its log:\n\(log)")
    }

    private static func canConnect(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}

/// A background program the tests started did not behave.
public struct BackgroundProcessFailure: Error, CustomStringConvertible {
    /// What went wrong, with the program's log when there is one.
    public let description: String
}
