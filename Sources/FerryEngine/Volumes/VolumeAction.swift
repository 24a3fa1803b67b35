/// What a migration does with one persistent volume claim and its volume, as a plan's
/// `persistentVolumes[].selection.action` names it.
public enum VolumeAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Create a new, empty volume on the destination and copy the data into it.
    case copy
    /// Hand the same backing storage (NFS, hostPath, local) to the destination: the
    /// PersistentVolume is migrated and the claim binds to it again; no data is copied.
    case move
    /// Leave the claim and its data behind.
    case skip
}
