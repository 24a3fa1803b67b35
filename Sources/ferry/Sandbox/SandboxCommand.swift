import ArgumentParser

/// `ferry sandbox`: two local simulated clusters to try Ferry on.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local source and destination cluster to try Ferry on.",
        subcommands: [SandboxUp.self, SandboxDown.self, SandboxStatus.self, SandboxDemo.self]
    )
}

/// The files a sandbox keeps in its state directory.
struct SandboxLayout {
    /// The state directory.
    var directory: String

    var kubeconfig: String { "\(directory)/kubeconfig" }
    var pidFile: String { "\(directory)/sandbox.pid" }
    func clusterDirectory(_ name: String) -> String { "\(directory)/\(name)" }
}

/// A sandbox failure, printed as `Error: <message>` without the usage text.
struct SandboxError: Error, CustomStringConvertible {
    /// A stable identifier, such as `port-in-use`.
    var code: String
    /// What went wrong and what to do.
    var message: String

    var description: String { message }
}
