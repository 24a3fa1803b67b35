/// What a cleanup deleted.
public struct CleanupReport: Sendable, Hashable, Codable {
    /// Objects whose deletion was requested (they may wait on finalizers a while).
    public var deleted: [KubeObjectReference]
    /// Objects that could not be deleted, and the server's reason.
    public var failed: [RestoreReport.Failure]

    /// Creates a report.
    public init(deleted: [KubeObjectReference] = [], failed: [RestoreReport.Failure] = []) {
        self.deleted = deleted
        self.failed = failed
    }

    /// Whether every labelled object was deleted.
    public var succeeded: Bool { failed.isEmpty }

    /// One line with the counts, such as `14 deleted, 0 failed`.
    public var summary: String { "\(deleted.count) deleted, \(failed.count) failed" }
}
