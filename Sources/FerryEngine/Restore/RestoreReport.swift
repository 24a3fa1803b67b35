/// What a restore did with each object.
public struct RestoreReport: Sendable, Hashable, Codable {
    /// An object that could not be restored, and the server's reason.
    public struct Failure: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The object.
        public var reference: KubeObjectReference
        /// Why it failed.
        public var message: String

        /// Creates a failure.
        public init(reference: KubeObjectReference, message: String) {
            self.reference = reference
            self.message = message
        }

        /// `reference: message`.
        public var description: String { "\(reference): \(message)" }
    }

    /// Objects created by this restore (including namespaces created because objects
    /// needed them).
    public var created: [KubeObjectReference]
    /// Objects that already carried this migration's label: created by an earlier,
    /// interrupted run of the same migration.
    public var alreadyRestored: [KubeObjectReference]
    /// Objects that already existed, not created by this migration, and were left as is.
    public var existing: [KubeObjectReference]
    /// Objects that already existed and were replaced by the migrated content.
    public var updated: [KubeObjectReference]
    /// Objects that could not be restored.
    public var failed: [Failure]

    /// Creates a report.
    public init(
        created: [KubeObjectReference] = [], alreadyRestored: [KubeObjectReference] = [], existing: [KubeObjectReference] = [],
        updated: [KubeObjectReference] = [], failed: [Failure] = []
    ) {
        self.created = created
        self.alreadyRestored = alreadyRestored
        self.existing = existing
        self.updated = updated
        self.failed = failed
    }

    /// Whether every object was restored or deliberately left as it was.
    public var succeeded: Bool { failed.isEmpty }

    /// Objects now on the destination as this migration wants them.
    public var restoredCount: Int { created.count + alreadyRestored.count + updated.count }

    /// One line with the counts, such as `12 created, 0 already restored, 1 existing, 0 updated, 0 failed`.
    public var summary: String {
        "\(created.count) created, \(alreadyRestored.count) already restored, \(existing.count) existing, \(updated.count) updated, \(failed.count) failed"
    }

    /// Adds another report's entries to this one.
    mutating func merge(_ other: RestoreReport) {
        created += other.created
        alreadyRestored += other.alreadyRestored
        existing += other.existing
        updated += other.updated
        failed += other.failed
    }
}
