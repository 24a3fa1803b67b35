/// One volume the local data plane copies: a directory on this machine into another
/// directory on this machine, through the same authenticated rsync tunnel the pod plane uses.
public struct LocalVolume: Sendable, Hashable {
    /// The volume, as `namespace/claim` of the source; progress and errors name it.
    public var id: String
    /// The directory holding the source volume's data.
    public var sourcePath: String
    /// The directory the data goes to (created if missing).
    public var destinationPath: String
    /// Whether to compare content checksums of both trees after the copy and fail on any difference.
    public var verify: Bool

    /// Creates a volume.
    public init(id: String, sourcePath: String, destinationPath: String, verify: Bool = false) {
        self.id = id
        self.sourcePath = sourcePath
        self.destinationPath = destinationPath
        self.verify = verify
    }
}
