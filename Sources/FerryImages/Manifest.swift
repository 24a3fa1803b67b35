import Foundation

/// A manifest as a registry served it: its exact bytes (so its digest never changes), its
/// media type and digest, and the descriptors it references.
public struct Manifest: Sendable {
    /// A reference to a blob or manifest by digest.
    public struct Descriptor: Sendable, Hashable, Codable {
        /// The referenced content's media type.
        public var mediaType: String?
        /// The referenced content's digest.
        public var digest: String
        /// The referenced content's size in bytes.
        public var size: Int64

        /// A descriptor of `size` bytes with `digest`.
        public init(mediaType: String?, digest: String, size: Int64) {
            self.mediaType = mediaType
            self.digest = digest
            self.size = size
        }
    }

    /// Docker image manifest, schema 2.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    /// Docker manifest list (multi-platform).
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    /// OCI image manifest.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    /// OCI image index (multi-platform).
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    /// Every media type the copier handles, for `Accept`.
    static let acceptedTypes = [dockerManifest, dockerManifestList, ociManifest, ociIndex]

    /// The bytes exactly as served.
    public let bytes: [UInt8]
    /// The media type, from the manifest's `mediaType` field or the `Content-Type` it was served with.
    public let mediaType: String
    /// The SHA-256 digest of `bytes`.
    public let digest: String
    /// The config blob of an image manifest.
    public let config: Descriptor?
    /// The layer blobs of an image manifest.
    public let layers: [Descriptor]
    /// The per-platform manifests of an index or manifest list.
    public let manifests: [Descriptor]

    /// Whether this lists other manifests (an OCI index or a Docker manifest list).
    public var isIndex: Bool { mediaType == Self.ociIndex || mediaType == Self.dockerManifestList }

    /// The blobs an image manifest references: its config, then its layers.
    public var blobs: [Descriptor] { (config.map { [$0] } ?? []) + layers }

    /// Parses `bytes`; `contentType` is used when the JSON has no `mediaType`.
    /// `source` names where it came from, for errors.
    public init(bytes: [UInt8], contentType: String?, source: String) throws(RegistryError) {
        struct Fields: Decodable {
            var schemaVersion: Int?
            var mediaType: String?
            var config: Descriptor?
            var layers: [Descriptor]?
            var manifests: [Descriptor]?
        }
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(bytes))
        } catch {
            throw RegistryError(.invalidManifest, "the manifest of \(source) is not a valid image manifest: \(error)")
        }
        let served = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
        let mediaType = fields.mediaType ?? served ?? (fields.manifests != nil ? Self.ociIndex : Self.ociManifest)
        guard Self.acceptedTypes.contains(mediaType) else {
            throw RegistryError(.invalidManifest, "the manifest of \(source) has media type \(mediaType); only Docker schema 2 and OCI manifests and indexes can be copied (schema 1 images must be converted first)")
        }
        let isIndex = mediaType == Self.ociIndex || mediaType == Self.dockerManifestList
        if isIndex ? fields.manifests == nil : fields.config == nil {
            throw RegistryError(.invalidManifest, "the manifest of \(source) (\(mediaType)) lacks its \(isIndex ? "manifests" : "config") field")
        }
        self.bytes = bytes
        self.mediaType = mediaType
        self.digest = ContentDigest.of(bytes)
        self.config = fields.config
        self.layers = fields.layers ?? []
        self.manifests = fields.manifests ?? []
        for descriptor in blobs + manifests where !ContentDigest.isValid(descriptor.digest) {
            throw RegistryError(.invalidManifest, "the manifest of \(source) references \"\(descriptor.digest)\", which is not a sha256 digest")
        }
    }
}
