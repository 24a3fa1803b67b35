import ArgumentParser
import Foundation

/// `ferry sandbox status`: whether a sandbox runs from a state directory, and where.
struct SandboxStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show whether the sandbox runs.")

    @Option(name: .customLong("state-dir"), help: "The directory given to `ferry sandbox up`.")
    var stateDirectory: String

    func run() async throws {
        let layout = SandboxLayout(directory: URL(fileURLWithPath: stateDirectory).standardizedFileURL.path)
        guard let pid = SandboxProcess.runningPID(layout) else {
            print("No sandbox is running from \(layout.directory).")
            throw ExitCode(3)
        }
        print("Sandbox running (pid \(pid)).\n  export KUBECONFIG=\(layout.kubeconfig)\n  kubectl --context source get ns")
    }
}
