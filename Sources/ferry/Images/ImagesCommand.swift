import ArgumentParser

/// `ferry images`: work with container images in registries.
struct ImagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images", abstract: "Copy container images between registries.",
        subcommands: [ImagesCopyCommand.self])
}
