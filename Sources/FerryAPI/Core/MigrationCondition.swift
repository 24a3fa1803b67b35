import KubeCore

/// A condition as the Migration Toolkit writes them: a type, a status, and a category that
/// says how much it matters.
public struct MigrationCondition: Codable, Sendable, Hashable {
    /// Categories MTC uses: `Critical` blocks the plan, `Error`, `Warn`, `Required`,
    /// `Advisory` informs.
    public enum Category {
        /// Blocks the resource from being used.
        public static let critical = "Critical"
        /// Something failed.
        public static let error = "Error"
        /// Works, but needs attention.
        public static let warn = "Warn"
        /// Something must be done before going on.
        public static let required = "Required"
        /// Information only.
        public static let advisory = "Advisory"
    }

    /// The condition's type, such as `Ready`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// A machine-readable reason.
    public var reason: String?
    /// How much it matters (see ``Category``).
    public var category: String?
    /// What it means and what to do.
    public var message: String?
    /// When `status` last changed.
    public var lastTransitionTime: String?
    /// Kept across reconciles even when not set again.
    public var durable: Bool?

    /// Creates a condition.
    public init(type: String, status: Bool = true, reason: String? = nil, category: String? = nil, message: String? = nil, durable: Bool? = nil) {
        self.type = type
        self.status = status ? "True" : "False"
        self.reason = reason
        self.category = category
        self.message = message
        self.durable = durable
    }

    /// Whether `status` is `True`.
    public var isTrue: Bool { status == "True" }
}

extension Array where Element == MigrationCondition {
    /// The condition of `type`, if set.
    public func first(type: String) -> MigrationCondition? {
        first { $0.type == type }
    }

    /// Whether a condition of `type` is set and `True`.
    public func isTrue(_ type: String) -> Bool {
        first(type: type)?.isTrue ?? false
    }

    /// Whether any `True` condition has category `Critical`.
    public var hasCritical: Bool {
        contains { $0.isTrue && $0.category == MigrationCondition.Category.critical }
    }

    /// Sets `condition`, replacing one of the same type; the transition time changes only
    /// when the status does.
    public mutating func set(_ condition: MigrationCondition) {
        var condition = condition
        if let index = firstIndex(where: { $0.type == condition.type }) {
            let previous = self[index]
            condition.lastTransitionTime =
                previous.status == condition.status ? previous.lastTransitionTime ?? KubeTime.now() : KubeTime.now()
            self[index] = condition
        } else {
            condition.lastTransitionTime = condition.lastTransitionTime ?? KubeTime.now()
            append(condition)
        }
    }

    /// Removes the condition of `type`.
    public mutating func remove(type: String) {
        removeAll { $0.type == type }
    }

    /// Removes every condition whose type is not in `types` and that is not durable.
    public mutating func keepOnly(_ types: Set<String>) {
        removeAll { !types.contains($0.type) && $0.durable != true }
    }
}
