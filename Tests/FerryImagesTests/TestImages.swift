import Crypto
import FerryImages
import Foundation

/// Images made up by the tests: random layers, configs, manifests and indexes in the OCI
/// or Docker schema 2 media types, pushed with Ferry's own client.
struct TestImages {
    /// A layer or config: its bytes and descriptor.
    struct Blob: Sendable {
        let bytes: [UInt8]
        let descriptor: Manifest.Descriptor
    }

    /// The media types of one format.
    struct Format: Sendable {
        let manifest: String
        let index: String
        let config: String
        let layer: String

        static let oci = Format(
            manifest: Manifest.ociManifest, index: Manifest.ociIndex, config: "application/vnd.oci.image.config.v1+json",
            layer: "application/vnd.oci.image.layer.v1.tar+gzip")
        static let docker = Format(
            manifest: Manifest.dockerManifest, index: Manifest.dockerManifestList, config: "application/vnd.docker.container.image.v1+json",
            layer: "application/vnd.docker.image.rootfs.diff.tar.gzip")
    }

    let format: Format

    /// `count` random bytes as a layer.
    func layer(_ count: Int) -> Blob {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return blob(bytes, mediaType: format.layer)
    }

    /// A config naming `architecture` (random so images with equal layers differ).
    func config(architecture: String) -> Blob {
        let json = #"{"architecture":"\#(architecture)","os":"linux","rootfs":{"type":"layers"},"created":"\#(UUID().uuidString)"}"#
        return blob(Array(json.utf8), mediaType: format.config)
    }

    /// An image manifest over `config` and `layers`.
    func manifest(config: Blob, layers: [Blob]) throws -> Manifest {
        struct Body: Encodable {
            let schemaVersion = 2
            let mediaType: String
            let config: Manifest.Descriptor
            let layers: [Manifest.Descriptor]
        }
        let body = Body(mediaType: format.manifest, config: config.descriptor, layers: layers.map(\.descriptor))
        return try Manifest(bytes: Array(try Self.encoder.encode(body)), contentType: nil, source: "a test image")
    }

    /// An index over `manifests`, one platform (`linux/<architecture>`) each.
    func index(_ manifests: [(manifest: Manifest, architecture: String)]) throws -> Manifest {
        struct Platform: Encodable {
            let architecture: String
            let os = "linux"
        }
        struct Entry: Encodable {
            let mediaType: String
            let digest: String
            let size: Int
            let platform: Platform
        }
        struct Body: Encodable {
            let schemaVersion = 2
            let mediaType: String
            let manifests: [Entry]
        }
        let entries = manifests.map {
            Entry(mediaType: $0.manifest.mediaType, digest: $0.manifest.digest, size: $0.manifest.bytes.count, platform: Platform(architecture: $0.architecture))
        }
        return try Manifest(bytes: Array(try Self.encoder.encode(Body(mediaType: format.index, manifests: entries))), contentType: nil, source: "a test index")
    }

    /// Pushes `blobs` and then `manifest` as `reference` of `repository`.
    static func push(_ manifest: Manifest, blobs: [Blob], to client: RegistryClient, registry: String, repository: String, reference: String) async throws {
        for blob in blobs {
            _ = try await client.pushBlob(blob.bytes, mediaType: blob.descriptor.mediaType ?? "", registry: registry, repository: repository)
        }
        try await client.putManifest(manifest, registry: registry, repository: repository, reference: reference)
    }

    /// A blob of `bytes`.
    func blob(_ bytes: [UInt8], mediaType: String) -> Blob {
        Blob(bytes: bytes, descriptor: Manifest.Descriptor(mediaType: mediaType, digest: Self.digest(bytes), size: Int64(bytes.count)))
    }

    /// `sha256:` and the hex SHA-256 of `bytes`.
    static func digest(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
