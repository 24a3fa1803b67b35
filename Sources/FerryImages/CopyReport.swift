/// What one image copy did.
public struct CopyReport: Sendable, Equatable, CustomStringConvertible {
    /// The digest of the top manifest (the index for a multi-platform image), the same at
    /// the source and the destination.
    public var digest: String
    /// Blobs uploaded to the destination.
    public var blobsCopied = 0
    /// Blobs the destination already had.
    public var blobsSkipped = 0
    /// Blobs linked from another repository of the destination registry instead of uploaded.
    public var blobsMounted = 0
    /// Bytes uploaded.
    public var bytesCopied: Int64 = 0
    /// Manifests stored at the destination (platform manifests and the top manifest).
    public var manifestsCopied = 0
    /// Manifests the destination already had under the same reference.
    public var manifestsSkipped = 0

    /// An empty report for the image `digest`.
    public init(digest: String) {
        self.digest = digest
    }

    /// A one-line summary.
    public var description: String {
        "\(digest): \(blobsCopied) blobs copied (\(bytesCopied) bytes), \(blobsMounted) mounted, \(blobsSkipped) already present; \(manifestsCopied) manifests written, \(manifestsSkipped) already present"
    }
}
