import ArgumentParser

/// The `ferry` command.
@main
struct Ferry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ferry",
        abstract: "Migrate Kubernetes namespaces, their volumes and images between clusters.",
        subcommands: [
            SandboxCommand.self, InstallCommand.self, ControllerCommand.self, ConsoleCommand.self, PlanCommand.self, MigrateCommand.self,
            StatusCommand.self, ExportCommand.self, TransformCommand.self, ApplyCommand.self, ImagesCommand.self,
        ]
    )
}
