import ArgumentParser
import Logging
import ServiceLifecycle

/// `ferry sandbox demo`: starts the sandbox, deploys the sample application into `source` and
/// migrates it to `destination` with a stage and a cutover.
struct SandboxDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the sandbox, deploy a sample application into the source cluster and migrate it to the destination.",
        discussion: "Runs until Ctrl-C (or `ferry sandbox down`) so that you can explore with kubectl and ferry; --exit stops after the migration."
    )

    @OptionGroup var sandbox: SandboxUp

    @Flag(help: "Stop the sandbox once the migration is done and checked.")
    var exit = false

    func run() async throws {
        var logger = Logger(label: "ferry.sandbox.demo")
        logger.logLevel = .warning
        try await sandbox.run { clusters in
            let demo = SandboxMigrationDemo(
                source: clusters[0], destination: clusters[1], kubeconfig: SandboxLayout(directory: sandbox.stateDirectory).kubeconfig,
                stopWhenDone: exit, logger: logger)
            return [.init(service: demo, successTerminationBehavior: exit ? .gracefullyShutdownGroup : .ignore)]
        }
    }
}
