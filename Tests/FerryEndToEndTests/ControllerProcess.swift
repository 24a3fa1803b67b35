#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Subprocess
import Synchronization
import Testing

/// `ferry controller` (or another long-running ferry command) against the world's destination
/// context, as a child process that can be killed with a real SIGKILL and started again. Its
/// output goes to `logPath`.
final class ControllerProcess: Sendable {
    private struct State {
        var pid: pid_t?
        var starts = 0
    }

    /// The identity it campaigns for the controller's Lease with (its `POD_NAME`).
    let identity: String
    let logPath: String
    private let arguments: [String]
    private let kubeconfigPath: String
    private let home: String
    private let state = Mutex(State())
    private let requests: AsyncStream<Void>.Continuation
    private let requestStream: AsyncStream<Void>

    /// The arguments of `ferry controller` against the world's host.
    static let controllerCommand = ["controller", "--context", "destination", "--log-level", "info"]

    private init(world: EndToEndWorld, ferry: String, identity: String, command: [String], extraArguments: [String]) {
        self.identity = identity
        logPath = "\(world.directory)/\(identity).log"
        // `exec` keeps the shell's pid, so the pid we signal is the controller's own.
        arguments = ["-c", "exec \"$0\" \"$@\" >>\"$FERRY_CONTROLLER_LOG\" 2>&1", ferry] + command + extraArguments
        kubeconfigPath = world.kubeconfigPath
        home = world.directory
        (requestStream, requests) = AsyncStream.makeStream(of: Void.self)
    }

    /// Runs `body` with a started controller; whatever runs is killed when `body` ends or throws.
    static func with<T: Sendable>(
        _ world: EndToEndWorld, identity: String = "ferry-controller", command: [String] = controllerCommand, extraArguments: [String] = [],
        _ body: (ControllerProcess) async throws -> T
    ) async throws -> T {
        let controller = ControllerProcess(
            world: world, ferry: try Binaries.requireFerry(), identity: identity, command: command, extraArguments: extraArguments)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.serveStartRequests() }
            let result: T
            do {
                try await controller.start()
                result = try await body(controller)
            } catch {
                controller.stopForGood()
                try? await group.waitForAll()
                throw error
            }
            controller.stopForGood()
            try await group.waitForAll()
            return result
        }
    }

    /// How many times the controller was started.
    var starts: Int { state.withLock { $0.starts } }

    /// Starts the controller and returns once its process exists.
    func start() async throws {
        let before = state.withLock { $0.starts }
        requests.yield()
        let started = try await eventually(timeout: .seconds(10), interval: .milliseconds(2)) {
            self.state.withLock { $0.starts > before && $0.pid != nil }
        }
        try #require(started, "ferry controller did not start; see \(logPath)")
    }

    /// Sends SIGKILL and returns once the process is gone.
    func kill() async throws {
        try await signal(SIGKILL)
    }

    /// Sends `signal` and returns once the process is gone.
    func signal(_ signal: Int32) async throws {
        guard let pid = state.withLock({ $0.pid }) else { return }
        let sent = ContinuousClock.now
        send(signal, to: pid)
        let gone = try await eventually(timeout: .seconds(10), interval: .milliseconds(2)) { self.state.withLock { $0.pid == nil } }
        try #require(gone, "process \(pid) survived signal \(signal) for 10 s; its log ends:\n\(logTail())")
        let took = ContinuousClock.now - sent
        if took > .seconds(2) { print("ferry process \(pid) took \(took) to exit after signal \(signal); its log ends:\n\(logTail(lines: 15))") }
    }

    /// Sends SIGINT twice, as a user pressing Ctrl-C twice, and returns once the process is gone.
    func stopTwice() async throws {
        guard let pid = state.withLock({ $0.pid }) else { return }
        send(SIGINT, to: pid)
        try await Task.sleep(for: .milliseconds(100))
        try await signal(SIGINT)
    }

    /// The last lines of the controller's log, for failure messages.
    func logTail(lines: Int = 40) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private func stopForGood() {
        requests.finish()
        if let pid = state.withLock({ $0.pid }) { send(SIGKILL, to: pid) }
    }

    private func serveStartRequests() async throws {
        for await _ in requestStream {
            _ = try await Subprocess.run(
                .path("/bin/sh"), arguments: Arguments(arguments), environment: .inherit.updating(["KUBECONFIG": kubeconfigPath, "HOME": home, "FERRY_CONTROLLER_LOG": logPath, "POD_NAME": identity]),
                input: .none, output: .discarded, error: .discarded
            ) { execution in
                state.withLock {
                    $0.pid = execution.processIdentifier.value
                    $0.starts += 1
                }
            }
            state.withLock { $0.pid = nil }
        }
    }
}

/// Sends `signal` to `pid`.
private func send(_ signal: Int32, to pid: pid_t) {
    #if canImport(Glibc)
    _ = Glibc.kill(pid, signal)
    #elseif canImport(Darwin)
    _ = Darwin.kill(pid, signal)
    #endif
}
