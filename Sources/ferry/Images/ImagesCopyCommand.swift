import ArgumentParser
import FerryImages
import Foundation
import Logging

/// `ferry images copy SRC DST`: copies one image (every platform of a multi-platform image)
/// between registries byte for byte, like `skopeo copy --all`.
struct ImagesCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy an image between registries, keeping its digest.",
        discussion: """
            Images are written registry[:port]/repository[:tag][@sha256:digest] (a docker:// prefix is accepted). \
            Every platform of a manifest list or OCI index is copied, blobs the destination has are skipped, \
            and the manifests are copied byte for byte, so @sha256: references stay valid.
            """)

    @Argument(help: "The image to copy, e.g. registry.example.com/team/app:v1.")
    var source: String

    @Argument(help: "Where to copy it, e.g. 127.0.0.1:5000/team/app:v1.")
    var destination: String

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
    }

    func run() async throws {
        var logger = Logger(label: "ferry.images", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = verbose ? .debug : .warning
        let sourceImage: ImageReference
        let destinationImage: ImageReference
        do {
            sourceImage = try ImageReference(parsing: source)
            destinationImage = try ImageReference(parsing: destination)
        } catch {
            throw ValidationError(error.message)
        }
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
        let copier = ImageCopier(
            source: sourceClient, destination: destinationClient, options: ImageCopier.Options(parallelBlobCopies: jobs), blobLocations: blobLocations(), logger: logger)
        let outcome: Result<CopyReport, any Error>
        do {
            outcome = .success(try await copier.copy(source: sourceImage, destination: destinationImage))
        } catch {
            outcome = .failure(error)
        }
        try await sourceClient.shutdown()
        try await destinationClient.shutdown()
        switch outcome {
        case .success(let report):
            print("copied \(sourceImage) to \(destinationImage)")
            print(report)
        case .failure(let error as RegistryError):
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        case .failure(let error):
            throw error
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
