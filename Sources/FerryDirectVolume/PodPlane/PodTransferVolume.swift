/// One claim the pod plane copies: from a source claim to a destination claim that already exists.
public struct PodTransferVolume: Sendable, Hashable {
    /// The source claim's namespace.
    public var sourceNamespace: String
    /// The source claim.
    public var sourceClaim: String
    /// The destination claim's namespace.
    public var destinationNamespace: String
    /// The destination claim (created before the transfer).
    public var destinationClaim: String
    /// Compare content checksums rather than size and time (`--checksum`).
    public var verify: Bool

    /// Creates a volume.
    public init(sourceNamespace: String, sourceClaim: String, destinationNamespace: String, destinationClaim: String, verify: Bool = false) {
        self.sourceNamespace = sourceNamespace
        self.sourceClaim = sourceClaim
        self.destinationNamespace = destinationNamespace
        self.destinationClaim = destinationClaim
        self.verify = verify
    }

    /// `namespace/claim` of the source: the id of the volume's ``VolumeTransferProgress``.
    public var id: String { "\(sourceNamespace)/\(sourceClaim)" }
}
