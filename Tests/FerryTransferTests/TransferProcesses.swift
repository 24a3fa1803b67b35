#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Subprocess
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
        let outcome = try await Subprocess.run(
            .path("/bin/sh"), arguments: Arguments(["-c", "exec \"$0\" \"$@\" >\"$LOG\" 2>&1", executable] + arguments),
            environment: .inherit.updating(["LOG": logPath]),
            input: .none, output: .discarded, error: .discarded
        ) { execution -> Result<T, any Error> in
            let result: Result<T, any Error>
            do {
                try await waitForListener(port: readyPort, name: executable, logPath: logPath)
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            try? execution.send(signal: .kill)
            return result
        }
        return try outcome.closureResult.get()
    }

    /// Waits up to 5 s until a TCP connection to `127.0.0.1:port` succeeds.
    private static func waitForListener(port: Int, name: String, logPath: String) async throws {
        for _ in 0..<200 {
            if canConnect(port: port) { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw ProcessFailure(description: "\(name) did not listen on 127.0.0.1:\(port) within 5 s; its log:\n\(log)")
    }

    /// A loopback TCP port nothing listens on right now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ProcessFailure(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw ProcessFailure(description: "binding a loopback port failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
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

/// A process the tests started did not behave.
struct ProcessFailure: Error, CustomStringConvertible {
    let description: String
}
