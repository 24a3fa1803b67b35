import Foundation
import KubeCore
import Subprocess
import Testing

/// What a finished command printed and how it exited.
struct CommandResult: CustomStringConvertible {
    var arguments: [String]
    var exitCode: Int32
    var output: String
    var errorOutput: String

    var succeeded: Bool { exitCode == 0 }
    var description: String { "`\(arguments.joined(separator: " "))` exited \(exitCode)\nstdout:\n\(output)\nstderr:\n\(errorOutput)" }
}

/// The binaries under test: the `ferry` built by `swift build --build-tests` and `kubectl`.
enum Binaries {
    /// `FERRY_BINARY`, else `.build/debug/ferry` of this package.
    static let ferry: String = {
        if let path = ProcessInfo.processInfo.environment["FERRY_BINARY"], !path.isEmpty { return path }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/ferry").path
    }()

    /// The kubectl on PATH, if any.
    static let kubectl: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/kubectl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The ferry binary's path, or a failure saying how to build it.
    static func requireFerry(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(
            FileManager.default.isExecutableFile(atPath: ferry),
            "no ferry executable at \(ferry): build it first with `swift build --build-tests` (or set FERRY_BINARY)",
            sourceLocation: sourceLocation)
        return ferry
    }
}

extension EndToEndWorld {
    /// Runs `ferry arguments` with the world's kubeconfig; never throws for a non-zero exit.
    func ferry(_ arguments: [String], timeoutSeconds: Int = 90) async throws -> CommandResult {
        try await run(try Binaries.requireFerry(), arguments, timeoutSeconds: timeoutSeconds)
    }

    /// Runs `ferry arguments` and requires it to exit 0; returns its standard output.
    @discardableResult
    func succeed(ferry arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await ferry(arguments)
        try #require(result.succeeded, "\(result)", sourceLocation: sourceLocation)
        return result.output
    }

    /// Runs `kubectl arguments` with the world's kubeconfig; never throws for a non-zero exit.
    func kubectl(_ arguments: [String], timeoutSeconds: Int = 90) async throws -> CommandResult {
        let kubectl = try #require(Binaries.kubectl, "kubectl is not on PATH (scripts/setup.sh installs it)")
        return try await run(kubectl, arguments, timeoutSeconds: timeoutSeconds)
    }

    /// Runs `kubectl arguments` and requires it to exit 0; returns its standard output.
    @discardableResult
    func succeed(kubectl arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await kubectl(arguments)
        try #require(result.succeeded, "\(result)", sourceLocation: sourceLocation)
        return result.output
    }

    /// `timeout` guarantees a stuck command cannot hang the suite.
    private func run(_ executable: String, _ arguments: [String], timeoutSeconds: Int) async throws -> CommandResult {
        let result = try await Subprocess.run(
            .name("timeout"), arguments: Arguments(["--kill-after=5", "\(timeoutSeconds)", executable] + arguments),
            environment: .inherit.updating(["KUBECONFIG": kubeconfigPath, "HOME": directory]),
            output: .string(limit: 32 << 20), error: .string(limit: 4 << 20))
        var code: Int32 = -1
        if case .exited(let exit) = result.terminationStatus { code = exit }
        return CommandResult(
            arguments: [URL(fileURLWithPath: executable).lastPathComponent] + arguments, exitCode: code,
            output: result.standardOutput, errorOutput: result.standardError)
    }
}
