import ArgumentParser
import FerryEngine
import FerryImages
import Foundation
import Logging

/// `ferry images copy SRC DST [SRC DST ...]`: copies images (every platform of a
/// multi-platform image) between registries byte for byte, like `skopeo copy --all`. Several
/// pairs, or `--from-file`, copy in one process: images in parallel, sharing one blob cache,
/// so a layer several images share is uploaded once and mounted into the others.
struct ImagesCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy images between registries, keeping their digests.",
        discussion: """
            Images are written registry[:port]/repository[:tag][@sha256:digest] (a docker:// prefix is accepted). \
            Every platform of a manifest list or OCI index is copied, blobs the destination has are skipped, \
            and the manifests are copied byte for byte, so @sha256: references stay valid. \
            Give several SRC DST pairs, or a file of them (one pair a line, # comments), to copy many images in one process.
            """)

    @Argument(help: "SRC DST pairs: the image to copy (e.g. registry.example.com/team/app:v1), then where to copy it (e.g. 127.0.0.1:5000/team/app:v1).")
    var images: [String] = []

    @Option(help: "A file of SRC DST pairs, one a line (blank lines and # comments are skipped), copied with the pairs given as arguments.")
    var fromFile: String?

    @Option(help: "How many images are copied at once.")
    var parallelImages = 4

    @Option(help: "Credentials for the source registry, as USER:PASSWORD.")
    var srcCreds: String?

    @Option(help: "Credentials for the destination registry, as USER:PASSWORD.")
    var destCreds: String?

    @Option(help: "A PEM file with the CA that signed the source registry's certificate.")
    var srcCa: String?

    @Option(help: "A PEM file with the CA that signed the destination registry's certificate.")
    var destCa: String?

    @Option(help: "Verify the source registry's TLS certificate (false skips verification).")
    var srcTlsVerify = true

    @Option(help: "Verify the destination registry's TLS certificate (false skips verification).")
    var destTlsVerify = true

    @Flag(help: "Reach the source registry over plain HTTP.")
    var srcPlainHttp = false

    @Flag(help: "Reach the destination registry over plain HTTP.")
    var destPlainHttp = false

    @Option(help: "How many blobs are copied at once.")
    var jobs = 4

    @Option(help: "Where to remember which repositories hold which blobs, so later copies mount instead of uploading (default: $XDG_CACHE_HOME/ferry/blob-locations.json or ~/.cache/ferry/blob-locations.json; \"none\" keeps nothing).")
    var blobCache: String?

    @Flag(help: "Log every request and retry to standard error.")
    var verbose = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs \(jobs): give at least 1") }
        guard parallelImages >= 1 else { throw ValidationError("--parallel-images \(parallelImages): give at least 1") }
        guard images.count % 2 == 0 else {
            throw ValidationError("\(images.last ?? "") has no destination: give images as SRC DST pairs")
        }
        guard !images.isEmpty || fromFile != nil else { throw ValidationError("give an image to copy and its destination: SRC DST") }
    }

    func run() async throws {
        var logger = Logger(label: "ferry.images", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = verbose ? .debug : .warning
        let pairs = try requestedImages()
        let sourceConfiguration = try Self.configuration(side: "src", credentials: srcCreds, caFile: srcCa, verify: srcTlsVerify, plainHTTP: srcPlainHttp)
        let destinationConfiguration = try Self.configuration(side: "dest", credentials: destCreds, caFile: destCa, verify: destTlsVerify, plainHTTP: destPlainHttp)
        let sourceClient = try RegistryClient(configuration: sourceConfiguration, logger: logger)
        let destinationClient: RegistryClient
        do {
            destinationClient = try RegistryClient(configuration: destinationConfiguration, logger: logger)
        } catch {
            try await sourceClient.shutdown()
            throw error
        }
        let migrator = RegistryImageMigrator(
            source: sourceClient, destination: destinationClient, parallelImages: parallelImages,
            copierOptions: ImageCopier.Options(parallelBlobCopies: jobs), blobLocations: blobLocations(), logger: logger)
        let outcome: Result<ImageMigrationOutcome, any Error>
        do {
            outcome = .success(try await migrator.migrate(ImageMigrationRequest(migrationName: "ferry images copy", migrationUID: "", images: pairs)))
        } catch {
            outcome = .failure(error)
        }
        try await sourceClient.shutdown()
        try await destinationClient.shutdown()
        let copies = try outcome.get()
        let entries = copies.entries
        for entry in entries {
            switch entry.result {
            case .copied(let report), .skipped(let report):
                print("copied \(entry.image.source) to \(entry.image.destination)")
                print(report)
            case .failed(let error):
                let subject = entries.count > 1 ? "\(entry.image): " : ""
                FileHandle.standardError.write(Data("error: \(subject)\(error.message)\n".utf8))
            }
        }
        let failures = copies.failures.count
        if entries.count > 1 {
            print("\(entries.count - failures) of \(entries.count) image(s) copied")
        }
        if failures > 0 { throw ExitCode.failure }
    }

    /// The SRC DST pairs of the arguments and of `--from-file`, in that order.
    private func requestedImages() throws -> [ImageMigrationRequest.Image] {
        var texts: [(String, String, String)] = stride(from: 0, to: images.count - 1, by: 2).map { (images[$0], images[$0 + 1], "arguments") }
        if let fromFile {
            guard let data = FileManager.default.contents(atPath: fromFile) else {
                throw ValidationError("--from-file \(fromFile): the file cannot be read")
            }
            for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
                guard let first = fields.first, !first.hasPrefix("#") else { continue }
                guard fields.count == 2 else {
                    throw ValidationError("--from-file \(fromFile) line \(index + 1): write one SRC DST pair a line, separated by spaces")
                }
                texts.append((String(fields[0]), String(fields[1]), "\(fromFile) line \(index + 1)"))
            }
        }
        guard !texts.isEmpty else { throw ValidationError("--from-file \(fromFile ?? ""): no SRC DST pair to copy") }
        return try texts.map { source, destination, origin in
            do {
                return ImageMigrationRequest.Image(source: try ImageReference(parsing: source), destination: try ImageReference(parsing: destination))
            } catch let error as RegistryError {
                throw ValidationError("\(origin): \(error.message)")
            }
        }
    }

    /// The blob location cache `--blob-cache` names, by default in the user's cache directory.
    private func blobLocations() -> BlobLocationCache {
        let environment = ProcessInfo.processInfo.environment
        if let blobCache { return blobCache == "none" ? BlobLocationCache() : BlobLocationCache(file: blobCache) }
        if let cacheHome = environment["XDG_CACHE_HOME"], !cacheHome.isEmpty { return BlobLocationCache(file: "\(cacheHome)/ferry/blob-locations.json") }
        if let home = environment["HOME"], !home.isEmpty { return BlobLocationCache(file: "\(home)/.cache/ferry/blob-locations.json") }
        return BlobLocationCache()
    }

    /// The registry configuration one side's options describe.
    private static func configuration(side: String, credentials: String?, caFile: String?, verify: Bool, plainHTTP: Bool) throws -> RegistryConfiguration {
        var configuration = RegistryConfiguration()
        if let credentials {
            guard let colon = credentials.firstIndex(of: ":"), colon != credentials.startIndex else {
                throw ValidationError("--\(side)-creds: write it as USER:PASSWORD")
            }
            configuration.credentials = .basic(username: String(credentials[..<colon]), password: String(credentials[credentials.index(after: colon)...]))
        }
        if plainHTTP {
            configuration.transport = .plainHTTP
        } else if !verify {
            configuration.transport = .httpsInsecure
        } else if let caFile {
            guard let pem = FileManager.default.contents(atPath: caFile) else {
                throw ValidationError("--\(side)-ca \(caFile): the file cannot be read; give a PEM file with the registry's CA certificate")
            }
            configuration.transport = .https(certificateAuthorityPEM: Array(pem))
        }
        return configuration
    }
}
