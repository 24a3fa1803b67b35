public import Logging
import NIOCore

/// Copies images between registries like `skopeo copy`, byte for byte so every digest (and
/// every `@sha256:` reference) stays valid: all platforms of an index, blobs checked for
/// presence first, mounted across repositories when possible, streamed and verified.
public final class ImageCopier: Sendable {
    /// Tuning for copies.
    public struct Options: Sendable {
        /// How many blobs are copied at once.
        public var parallelBlobCopies: Int
        /// Blobs at least this large are uploaded in chunks instead of one streamed PUT.
        public var chunkedUploadThreshold: Int64
        /// The size of each chunk of a chunked upload (held in memory while it is sent).
        public var chunkSize: Int

        /// Options; by default 4 blobs at once, and 16 MiB chunks for blobs of 256 MiB or more.
        public init(parallelBlobCopies: Int = 4, chunkedUploadThreshold: Int64 = 256 * 1024 * 1024, chunkSize: Int = 16 * 1024 * 1024) {
            self.parallelBlobCopies = max(1, parallelBlobCopies)
            self.chunkedUploadThreshold = chunkedUploadThreshold
            self.chunkSize = max(1, chunkSize)
        }
    }

    enum BlobOutcome: Sendable {
        case copied(bytes: Int64)
        case skipped
        case mounted
    }

    let source: RegistryClient
    let destination: RegistryClient
    let options: Options
    let logger: Logger
    /// Where blobs were seen, so later copies mount instead of uploading.
    let blobLocations: BlobLocationCache
    /// Blobs being copied now, so concurrent copies of images sharing layers upload each once.
    let uploadsInFlight = BlobUploadsInFlight()

    /// A copier reading with `source` and writing with `destination` (which may be the same
    /// client), noting where it sees blobs in `blobLocations`. Several copies may run on one
    /// copier at once: a blob that several of them need is uploaded by one and mounted by the others.
    public init(
        source: RegistryClient, destination: RegistryClient, options: Options = Options(), blobLocations: BlobLocationCache = BlobLocationCache(), logger: Logger
    ) {
        self.source = source
        self.destination = destination
        self.options = options
        self.blobLocations = blobLocations
        self.logger = logger
    }

    /// Copies the image `source` names to `destination`: every blob, every platform
    /// manifest, then the top manifest under the destination's tag (or its digest).
    public func copy(source sourceImage: ImageReference, destination destinationImage: ImageReference) async throws -> CopyReport {
        let top = try await source.manifest(registry: sourceImage.apiHost, repository: sourceImage.repository, reference: sourceImage.manifestReference)
        if let pinned = destinationImage.digest, pinned != top.digest {
            throw RegistryError(.digestMismatch, "\(sourceImage) is \(top.digest), but the destination \(destinationImage) pins \(pinned); drop the digest from the destination or copy the image it names")
        }
        var manifests: [Manifest] = []
        try await collectManifests(top, image: sourceImage, into: &manifests)
        var blobs: [Manifest.Descriptor] = []
        var seen: Set<String> = []
        for manifest in manifests {
            for blob in manifest.blobs where seen.insert(blob.digest).inserted { blobs.append(blob) }
        }
        var report = CopyReport(digest: top.digest)
        for outcome in try await copyBlobs(blobs, from: sourceImage, to: destinationImage) {
            switch outcome {
            case .copied(let bytes):
                report.blobsCopied += 1
                report.bytesCopied += bytes
            case .skipped: report.blobsSkipped += 1
            case .mounted: report.blobsMounted += 1
            }
        }
        // Children first: a registry refuses an index whose manifests it does not have.
        for manifest in manifests {
            let reference = manifest.digest == top.digest ? (destinationImage.tag ?? top.digest) : manifest.digest
            let present = try await destination.manifestDigest(registry: destinationImage.apiHost, repository: destinationImage.repository, reference: reference)
            if present == manifest.digest {
                report.manifestsSkipped += 1
            } else {
                try await destination.putManifest(manifest, registry: destinationImage.apiHost, repository: destinationImage.repository, reference: reference)
                report.manifestsCopied += 1
            }
        }
        do {
            try blobLocations.save()
        } catch {
            logger.debug("the blob location cache could not be saved; later copies may upload instead of mounting", metadata: ["error": "\(error)"])
        }
        logger.info("copied image", metadata: ["source": "\(sourceImage)", "destination": "\(destinationImage)", "report": "\(report)"])
        return report
    }

    /// Appends every manifest `manifest` references (depth first) and then `manifest` itself.
    private func collectManifests(_ manifest: Manifest, image: ImageReference, into manifests: inout [Manifest]) async throws {
        for child in manifest.manifests where !manifests.contains(where: { $0.digest == child.digest }) {
            let fetched = try await source.manifest(registry: image.apiHost, repository: image.repository, reference: child.digest)
            try await collectManifests(fetched, image: image, into: &manifests)
        }
        manifests.append(manifest)
    }

    /// Copies `blobs`, `options.parallelBlobCopies` at a time.
    private func copyBlobs(_ blobs: [Manifest.Descriptor], from sourceImage: ImageReference, to destinationImage: ImageReference) async throws -> [BlobOutcome] {
        try await withThrowingTaskGroup(of: BlobOutcome.self) { group in
            var outcomes: [BlobOutcome] = []
            var started = 0
            for blob in blobs {
                if started - outcomes.count >= options.parallelBlobCopies, let outcome = try await group.next() {
                    outcomes.append(outcome)
                }
                group.addTask { try await self.copyBlob(blob, from: sourceImage, to: destinationImage) }
                started += 1
            }
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }
}
