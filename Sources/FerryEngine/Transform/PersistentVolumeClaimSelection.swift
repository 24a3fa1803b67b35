/// The plan's choices for one persistent volume claim.
public struct PersistentVolumeClaimSelection: Sendable, Hashable {
    /// The destination storage class; `nil` keeps the source's.
    public var storageClassName: String?
    /// The destination access mode, such as `ReadWriteOnce`; `nil` keeps the source's.
    public var accessMode: String?
    /// The destination claim name; `nil` keeps the source's.
    public var targetName: String?
    /// What happens to the claim's data; `nil` copies it.
    public var action: VolumeAction?
    /// The destination volume mode (`Filesystem` or `Block`); `nil` keeps the source's.
    public var volumeMode: String?
    /// The least the destination claim requests, such as `12Gi` (PV resizing); a larger
    /// source request is kept.
    public var minimumCapacity: String?

    /// Creates a selection.
    public init(
        storageClassName: String? = nil, accessMode: String? = nil, targetName: String? = nil, action: VolumeAction? = nil,
        volumeMode: String? = nil, minimumCapacity: String? = nil
    ) {
        self.storageClassName = storageClassName
        self.accessMode = accessMode
        self.targetName = targetName
        self.action = action
        self.volumeMode = volumeMode
        self.minimumCapacity = minimumCapacity
    }

    /// Reads the plan's `source:target` name mapping; a single name maps to itself.
    ///
    /// - Returns: the source name and the selection carrying the target name.
    public static func nameMapping(_ mapping: String) -> (source: String, selection: PersistentVolumeClaimSelection) {
        guard let colon = mapping.firstIndex(of: ":") else {
            return (mapping, PersistentVolumeClaimSelection())
        }
        let source = String(mapping[..<colon])
        let target = String(mapping[mapping.index(after: colon)...])
        return (source, PersistentVolumeClaimSelection(targetName: target.isEmpty || target == source ? nil : target))
    }
}
