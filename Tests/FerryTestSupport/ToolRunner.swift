import Subprocess

/// Runs a tool to completion (at most 30 s) and returns its standard output; throws with its
/// standard error when it exits non-zero.
@discardableResult
public func runTool(_ path: String, _ arguments: [String]) async throws -> String {
    let result = try await Subprocess.run(
        .name("timeout"), arguments: Arguments(["30", path] + arguments), output: .string(limit: 8 << 20), error: .string(limit: 1 << 20))
    guard result.terminationStatus.isSuccess else {
        throw ToolFailure(description: "\(path) \(arguments.joined(separator: " ")) failed (\(result.terminationStatus)): \(result.standardError)")
    }
    return result.standardOutput
}

/// A tool the tests run exited with a failure.
public struct ToolFailure: Error, CustomStringConvertible {
    /// The command and what it said.
    public let description: String
}
