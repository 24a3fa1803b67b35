import ArgumentParser
import FerryEngine
import Foundation
import Logging

/// `ferry apply`: creates transformed objects on the destination in restore order.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create transformed objects on the destination cluster, in restore order.",
        discussion: "Objects that exist already are left as they are (--policy update replaces them); objects this migration created in an earlier run count as restored. Exits non-zero when any object failed."
    )

    /// What to do with objects that exist already.
    enum Policy: String, ExpressibleByArgument, CaseIterable {
        case skip, update
    }

    @Argument(help: "The directory written by `ferry transform` (its resources/ is read), or any directory of object files.")
    var directory: String

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "What to do with objects that exist already: skip or update.")
    var policy: Policy = .skip

    func run() async throws {
        var logger = Logger(label: "ferry.apply")
        logger.logLevel = .warning
        let resources = URL(fileURLWithPath: directory).appendingPathComponent("resources").path
        var isDirectory: ObjCBool = false
        let root = FileManager.default.fileExists(atPath: resources, isDirectory: &isDirectory) && isDirectory.boolValue ? resources : directory
        let objects = try ObjectTree(root: root).read().map(\.object)
        guard !objects.isEmpty else {
            throw ValidationError("\(root) holds no objects; run `ferry transform` into \(directory) first")
        }
        let existingPolicy: ExistingObjectPolicy = policy == .update ? .update : .skip
        let report = try await cluster.client(logger: logger).closing { client in
            try await ObjectRestorer(client: client, logger: logger).restore(objects, policy: existingPolicy)
        }
        for reference in report.existing { print("exists, left as is: \(reference)") }
        for reference in report.updated { print("updated: \(reference)") }
        for failure in report.failed { print("failed: \(failure)") }
        print(report.summary)
        if !report.succeeded { throw ExitCode.failure }
    }
}
