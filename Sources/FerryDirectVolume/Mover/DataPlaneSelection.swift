/// Which data plane copies a migration's volumes.
public enum DataPlaneSelection: String, Sendable, Hashable, CaseIterable {
    /// Per volume: the local plane when this machine reaches both the source's and the
    /// destination's volume directories, transfer pods otherwise.
    case automatic
    /// Every volume on the local plane; a volume this machine cannot reach fails the copy.
    case local
    /// Every volume through transfer pods, as MTC copies.
    case pod
}
