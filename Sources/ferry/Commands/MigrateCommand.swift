import ArgumentParser
import FerryCLI

/// `ferry migrate`: start, follow and cancel migrations of a plan.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Run a plan: stage, cutover, rollback, or cancel the running migration.",
        subcommands: [MigrateStage.self, MigrateCutover.self, MigrateRollback.self, MigrateCancel.self, MigrateResume.self]
    )
}

/// Options of every `ferry migrate` action.
struct MigrateOptions: ParsableArguments {
    @Flag(help: "Follow the migration to its end: exit 0 when it succeeds, 1 when it fails, 2 when it is canceled.")
    var wait = false

    @Flag(help: "Run the migration in this process instead of a deployed controller (implies --wait; Ctrl-C cancels it).")
    var local = false

    @Flag(help: "Do not scale the source application down before the final copy (cutover).")
    var noQuiesce = false

    @Flag(help: "Keep the last-applied-configuration annotation on migrated objects.")
    var keepAnnotations = false

    @Flag(help: "Compare checksums of copied volume data.")
    var verify = false

    @Option(help: "The migration's name (default: <plan>-<action>-<random>).")
    var name: String?

    @Flag(help: "State migration (migrateState): only the plan's volumes and their data; required for storage class conversion.")
    var state = false

    @OptionGroup(title: "Volume data (with --local)") var volumes: DirectVolumeOptions
}

/// `ferry migrate stage`.
struct MigrateStage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stage", abstract: "Copy volume data while the application keeps running.")
    @OptionGroup var host: HostOptions
    @OptionGroup var options: MigrateOptions
    @Argument(help: "The plan's name.") var plan: String

    func run() async throws {
        try await MigrationCommandRunner(host: host, options: options).start(.stage, plan: plan)
    }
}

/// `ferry migrate cutover`.
struct MigrateCutover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cutover", abstract: "Quiesce the source, copy the remaining data and all objects, start the application on the destination.")
    @OptionGroup var host: HostOptions
    @OptionGroup var options: MigrateOptions
    @Argument(help: "The plan's name.") var plan: String

    func run() async throws {
        try await MigrationCommandRunner(host: host, options: options).start(.cutover, plan: plan)
    }
}

/// `ferry migrate rollback`.
struct MigrateRollback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Undo the plan's last migration: delete what it created and restore the source.")
    @OptionGroup var host: HostOptions
    @OptionGroup var options: MigrateOptions
    @Argument(help: "The plan's name.") var plan: String

    func run() async throws {
        try await MigrationCommandRunner(host: host, options: options).start(.rollback, plan: plan)
    }
}

/// `ferry migrate cancel`.
struct MigrateCancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Stop the plan's running migration and undo what it did.")
    @OptionGroup var host: HostOptions
    @OptionGroup var options: MigrateOptions
    @Argument(help: "The plan's name.") var plan: String

    func run() async throws {
        try await MigrationCommandRunner(host: host, options: options).cancel(plan: plan)
    }
}

/// `ferry migrate resume`.
struct MigrateResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Follow the plan's unfinished migration to its end; with --local, run it here (after an interrupted local run).")
    @OptionGroup var host: HostOptions
    @OptionGroup var options: MigrateOptions
    @Argument(help: "The plan's name.") var plan: String

    func run() async throws {
        try await MigrationCommandRunner(host: host, options: options).resume(plan: plan)
    }
}
