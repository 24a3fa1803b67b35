/// The capacity MTC proposes for a destination volume after measuring its usage:
/// the largest of the claim's request and the volume's capacity, and, when usage leaves less
/// than the headroom free, the usage plus that headroom of the capacity (MTC's
/// `PV_RESIZING_VOLUME_USAGE_THRESHOLD`, 3% by default), rounded up to a whole `Gi` (`Mi`
/// under one `Gi`).
public struct ProposedCapacity: Sendable, Hashable {
    /// Why the proposal is what it is (MigAnalytic's per-volume `comment`).
    public enum Reason: String, Sendable, Hashable {
        /// The request already fits.
        case noChange = "No change in capacity is needed."
        /// The volume is larger than the claim requested; the volume's capacity is kept.
        case capacityMismatch = "The volume's capacity is larger than the claim's request; the volume's capacity is proposed."
        /// Usage is within the headroom of the capacity (or beyond it); headroom is added.
        case usageExceeded = "Usage is close to or above the capacity; usage plus headroom is proposed."
    }

    /// The proposed capacity.
    public var capacity: StorageCapacity
    /// Why.
    public var reason: Reason
    /// The used share of the capacity, in percent (may exceed 100 for directories without a
    /// size limit).
    public var usagePercent: Int64

    /// Proposes a capacity from the claim's `requested` size, the volume's `provisioned`
    /// capacity and the `used` bytes; `headroomPercent` of the capacity is kept free.
    public init(requested: StorageCapacity?, provisioned: StorageCapacity?, used: StorageCapacity, headroomPercent: Int64 = 3) {
        var size = requested ?? provisioned ?? used
        var reason = Reason.noChange
        if let provisioned, provisioned > size {
            size = provisioned
            reason = .capacityMismatch
        }
        let base = max(provisioned ?? size, StorageCapacity(bytes: 1))
        // Rounded up, as df reports a volume's use.
        let percent = (used.bytes.multipliedReportingOverflow(by: 100).partialValue + base.bytes - 1) / base.bytes
        if percent + headroomPercent > 100 {
            let headroom = base.bytes / 100 * headroomPercent
            let withHeadroom = StorageCapacity(bytes: used.bytes + headroom)
            if withHeadroom > size {
                size = withHeadroom
                reason = .usageExceeded
            }
        }
        // Rounded as MTC shows it; never below what was asked for.
        self.capacity = StorageCapacity(parsing: size.formatted) ?? size
        self.reason = reason
        self.usagePercent = percent
    }
}
