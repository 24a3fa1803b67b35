import Subprocess
import SystemPackage

/// A command the benchmark runs (ferry or kubectl), failing on a non-zero exit with the
/// command line and its standard error.
struct BenchProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The program: a path, or a name looked up in PATH.
    var executable: String

    /// Runs the program with `arguments` and returns its standard output.
    @discardableResult
    func run(_ arguments: [String], outputLimit: Int = 1 << 20) async throws -> String {
        let program: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        let result = try await Subprocess.run(
            program, arguments: Arguments(arguments), output: .string(limit: outputLimit), error: .string(limit: 1 << 16))
        guard result.terminationStatus.isSuccess else {
            throw Failure(description: """
                \(executable) \(arguments.joined(separator: " ")) failed (\(result.terminationStatus)):
                \(result.standardOutput)\(result.standardError)
                """)
        }
        return result.standardOutput
    }
}
