public import FerryImages

/// Copies a migration's images from the source cluster's registry to the destination's.
///
/// The runner calls it in the CreateDirectImageMigration step of a stage and of a cutover.
/// Each call must be idempotent: a resumed migration calls it again, and images already at
/// the destination are skipped.
public protocol ImageMigrator: Sendable {
    /// Copies `request.images`, reporting what happened to each.
    func migrate(_ request: ImageMigrationRequest) async throws -> ImageMigrationOutcome
}

/// The images one migration copies.
public struct ImageMigrationRequest: Sendable {
    /// One image: where it is read and where it is written.
    public struct Image: Sendable, Hashable, CustomStringConvertible {
        /// The image in the source registry.
        public var source: ImageReference
        /// The image in the destination registry.
        public var destination: ImageReference

        /// An image to copy from `source` to `destination`.
        public init(source: ImageReference, destination: ImageReference) {
            self.source = source
            self.destination = destination
        }

        /// `source -> destination`.
        public var description: String { "\(source) -> \(destination)" }
    }

    /// The migration's name.
    public var migrationName: String
    /// The migration's uid.
    public var migrationUID: String
    /// The images to copy, each once.
    public var images: [Image]

    /// A request to copy `images` for the migration `migrationName`.
    public init(migrationName: String, migrationUID: String, images: [Image]) {
        self.migrationName = migrationName
        self.migrationUID = migrationUID
        self.images = images
    }
}

/// What a migrator did with each image of a request.
public struct ImageMigrationOutcome: Sendable {
    /// What happened to one image.
    public enum Result: Sendable {
        /// Written to the destination.
        case copied(CopyReport)
        /// The destination already had every blob and manifest.
        case skipped(CopyReport)
        /// The copy failed; the registry's own error.
        case failed(RegistryError)
    }

    /// One image and what happened to it.
    public struct Entry: Sendable {
        /// The image.
        public var image: ImageMigrationRequest.Image
        /// What happened to it.
        public var result: Result

        /// An entry for `image`.
        public init(image: ImageMigrationRequest.Image, result: Result) {
            self.image = image
            self.result = result
        }

        /// One progress line, e.g. `127.0.0.1:5000/shop/web:1.0 -> …: copied sha256:…: 2 blobs copied …`.
        public var progressLine: String {
            switch result {
            case .copied(let report): "\(image): copied \(report)"
            case .skipped(let report): "\(image): already present (\(report.digest))"
            case .failed(let error): "\(image): failed: \(error.message)"
            }
        }
    }

    /// Every image of the request, in the request's order.
    public var entries: [Entry]

    /// An outcome of `entries`.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The entries whose copy failed.
    public var failures: [Entry] {
        entries.filter { if case .failed = $0.result { true } else { false } }
    }
}
