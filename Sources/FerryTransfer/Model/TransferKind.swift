/// Which copy of a migration a transfer is.
public enum TransferKind: String, Sendable, Hashable, Codable {
    /// While the application runs: repeatable, sends what changed, deletes nothing.
    case stage = "Stage"
    /// After the source was quiesced: the last copy, which also deletes on the destination
    /// what the source no longer has.
    case cutover = "CutOver"
}
