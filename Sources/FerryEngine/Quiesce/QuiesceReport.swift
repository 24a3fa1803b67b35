/// What quiescing or unquiescing changed, one entry per workload.
public struct QuiesceReport: Sendable, Hashable {
    /// One workload that was changed.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        /// The workload's `apiVersion`.
        public var apiVersion: String
        /// The workload's kind, such as `Deployment`.
        public var kind: String
        /// The workload's namespace.
        public var namespace: String
        /// The workload's name.
        public var name: String
        /// What changed, such as `replicas 3 → 0`.
        public var summary: String

        /// Creates an entry.
        public init(apiVersion: String, kind: String, namespace: String, name: String, summary: String) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.namespace = namespace
            self.name = name
            self.summary = summary
        }

        /// `Kind namespace/name: summary`.
        public var description: String { "\(kind) \(namespace)/\(name): \(summary)" }
    }

    /// The changed workloads, in the order they were changed.
    public var changes: [Change]

    /// Creates a report.
    public init(changes: [Change] = []) {
        self.changes = changes
    }

    /// Whether nothing was changed.
    public var isEmpty: Bool { changes.isEmpty }
}
