#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        var environment = environment
        environment["LOG"] = logPath
        let outcome = try await Subprocess.run(
            .path("/bin/sh"), arguments: Arguments(["-c", "exec \"$0\" \"$@\" >\"$LOG\" 2>&1"] + command),
            environment: .inherit.updating(environment),
            input: .none, output: .discarded, error: .discarded
        ) { execution -> Result<T, any Error> in
            let result: Result<T, any Error>
            do {
                try await waitForListener(port: readyPort, logPath: logPath)
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            try? execution.send(signal: .kill)
            return result
        }
        return try outcome.closureResult.get()
    }

    /// Runs `command` to its end; returns its exit code and output.
    static func run(_ command: [String], environment: [Environment.Key: String?]) async throws -> (code: Int32, output: String) {
        let result = try await Subprocess.run(
            .name("timeout"), arguments: Arguments(["30"] + command), environment: .inherit.updating(environment),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        let code: Int32 = if case .exited(let code) = result.terminationStatus { Int32(code) } else { -1 }
        return (code, result.standardOutput + result.standardError)
    }

    private static func waitForListener(port: Int, logPath: String) async throws {
        for _ in 0..<200 {
            if canConnect(port: port) { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw PodProcessFailure(description: "nothing listened on 127.0.0.1:\(port) within 5 s; the log:\n\(log)")
    }

    /// A loopback TCP port nothing listens on right now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PodProcessFailure(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw PodProcessFailure(description: "binding a loopback port failed: errno \(errno)") }
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

/// A process the pod plane's tests started did not behave.
struct PodProcessFailure: Error, CustomStringConvertible {
    let description: String
}
