public import FerryImages
public import Logging

/// Copies a migration's images with ``ImageCopier``, several images at once. The images of
/// one request share a ``BlobLocationCache``, so a layer shared by several images is uploaded
/// once and mounted into the other repositories.
public struct RegistryImageMigrator: ImageMigrator {
    /// Reads the source registry.
    public let source: RegistryClient
    /// Writes the destination registry (may be the same client as `source`).
    public let destination: RegistryClient
    /// How many images are copied at once.
    public let parallelImages: Int
    /// Tuning of each copy.
    public let copierOptions: ImageCopier.Options
    /// Where blobs were seen; nil gives each request a fresh in-memory cache.
    public let blobLocations: BlobLocationCache?
    let logger: Logger

    /// A migrator reading with `source` and writing with `destination`. The caller owns the
    /// clients and shuts them down. `blobLocations` (e.g. a file-backed cache shared by runs of
    /// `ferry images copy`) replaces the per-request cache.
    public init(
        source: RegistryClient, destination: RegistryClient, parallelImages: Int = 4, copierOptions: ImageCopier.Options = ImageCopier.Options(),
        blobLocations: BlobLocationCache? = nil, logger: Logger
    ) {
        self.source = source
        self.destination = destination
        self.parallelImages = max(1, parallelImages)
        self.copierOptions = copierOptions
        self.blobLocations = blobLocations
        self.logger = logger
    }

    /// Copies every image of `request`; a failed image is reported, not thrown, so the
    /// others still copy.
    public func migrate(_ request: ImageMigrationRequest) async throws -> ImageMigrationOutcome {
        var logger = logger
        logger[metadataKey: "migration"] = "\(request.migrationName)"
        let copier = ImageCopier(source: source, destination: destination, options: copierOptions, blobLocations: blobLocations ?? BlobLocationCache(), logger: logger)
        let results = try await withThrowingTaskGroup(of: (Int, ImageMigrationOutcome.Result).self) { group in
            var results: [(Int, ImageMigrationOutcome.Result)] = []
            var started = 0
            for (index, image) in request.images.enumerated() {
                if started - results.count >= parallelImages, let finished = try await group.next() {
                    results.append(finished)
                }
                group.addTask { (index, try await Self.copy(image, with: copier)) }
                started += 1
            }
            for try await finished in group { results.append(finished) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return ImageMigrationOutcome(entries: zip(request.images, results).map { ImageMigrationOutcome.Entry(image: $0, result: $1) })
    }

    private static func copy(_ image: ImageMigrationRequest.Image, with copier: ImageCopier) async throws -> ImageMigrationOutcome.Result {
        do {
            let report = try await copier.copy(source: image.source, destination: image.destination)
            let wroteNothing = report.blobsCopied == 0 && report.blobsMounted == 0 && report.manifestsCopied == 0
            return wroteNothing ? .skipped(report) : .copied(report)
        } catch let error as RegistryError {
            return .failed(error)
        }
    }
}
