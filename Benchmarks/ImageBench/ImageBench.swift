import ArgumentParser
import FerryImages
import Foundation
import Logging

/// Copies a numbered set of images (`PREFIX-1:TAG` … `PREFIX-N:TAG`) between two plain-HTTP
/// registries the way a migration does: one process, one `ImageCopier` and one blob location
/// cache, several images at once, so a layer the images share is uploaded once and mounted
/// into the other repositories. Prints the seconds the copies took.
@main
struct ImageBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image-bench",
        abstract: "Copy PREFIX-1 … PREFIX-N between two plain-HTTP registries in one process and print the seconds it took.")

    @Option(help: "The source registry, HOST:PORT (plain HTTP).")
    var source: String

    @Option(help: "The destination registry, HOST:PORT (plain HTTP).")
    var destination: String

    @Option(help: "Source repositories are SOURCE-PREFIX-1 … SOURCE-PREFIX-N.")
    var sourcePrefix = "bench/app"

    @Option(help: "Destination repositories are DESTINATION-PREFIX-1 … DESTINATION-PREFIX-N.")
    var destinationPrefix = "ferry/app"

    @Option(help: "The tag of every image.")
    var tag = "v1"

    @Option(help: "How many images.")
    var images = 10

    @Option(help: "How many images are copied at once.")
    var parallelImages = 4

    @Option(help: "How many blobs of each image are copied at once.")
    var jobs = 4

    func validate() throws {
        guard images >= 1, parallelImages >= 1, jobs >= 1 else { throw ValidationError("--images, --parallel-images and --jobs must be at least 1") }
    }

    func run() async throws {
        var logger = Logger(label: "image-bench")
        logger.logLevel = .warning
        let pairs = try (1...images).map { number in
            (try ImageReference(parsing: "\(source)/\(sourcePrefix)-\(number):\(tag)"), try ImageReference(parsing: "\(destination)/\(destinationPrefix)-\(number):\(tag)"))
        }
        let configuration = RegistryConfiguration(transport: .plainHTTP)
        let sourceClient = try RegistryClient(configuration: configuration, logger: logger)
        let destinationClient: RegistryClient
        do {
            destinationClient = try RegistryClient(configuration: configuration, logger: logger)
        } catch {
            try await sourceClient.shutdown()
            throw error
        }
        let copier = ImageCopier(source: sourceClient, destination: destinationClient, options: ImageCopier.Options(parallelBlobCopies: jobs), logger: logger)
        let clock = ContinuousClock()
        let started = clock.now
        let outcome: Result<[CopyReport], any Error>
        do {
            outcome = .success(try await copyAll(pairs, with: copier))
        } catch {
            outcome = .failure(error)
        }
        let elapsed = clock.now - started
        try await sourceClient.shutdown()
        try await destinationClient.shutdown()
        let reports = try outcome.get()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data(reports.map { "\($0)\n" }.joined().utf8))
        print(String(format: "%.3f", seconds))
    }

    /// Copies every pair, `parallelImages` at a time.
    private func copyAll(_ pairs: [(ImageReference, ImageReference)], with copier: ImageCopier) async throws -> [CopyReport] {
        try await withThrowingTaskGroup(of: CopyReport.self) { group in
            var reports: [CopyReport] = []
            var started = 0
            for (sourceImage, destinationImage) in pairs {
                if started - reports.count >= parallelImages, let report = try await group.next() {
                    reports.append(report)
                }
                group.addTask { try await copier.copy(source: sourceImage, destination: destinationImage) }
                started += 1
            }
            for try await report in group { reports.append(report) }
            return reports
        }
    }
}
