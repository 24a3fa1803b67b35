/// Where a volume's transfer runs.
public enum DataPlane: String, Sendable, Hashable, CaseIterable {
    /// rsync and stunnel as processes on this machine, for volumes whose backing paths it can
    /// reach (hostPath and local volumes, mounted NFS; the sandbox).
    case local
    /// Transfer pods on the clusters, as MTC runs them.
    case pod
}
