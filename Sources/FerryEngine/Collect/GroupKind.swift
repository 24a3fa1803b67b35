/// An API group and kind without a version, as MigPlan `includedResources` names them
/// (`{group: apps, kind: Deployment}`; the core group is empty).
public struct GroupKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The group; empty for the core group.
    public var group: String
    /// The kind, such as `Deployment`.
    public var kind: String

    /// Creates a group kind.
    public init(group: String, kind: String) {
        self.group = group
        self.kind = kind
    }

    /// Parses `Kind.group` (`Deployment.apps`) or `Kind` for the core group.
    public init(parsing text: String) {
        if let dot = text.firstIndex(of: ".") {
            self.init(group: String(text[text.index(after: dot)...]), kind: String(text[..<dot]))
        } else {
            self.init(group: "", kind: text)
        }
    }

    /// Whether `kind` in `group` is this one; kinds compare case-insensitively, as people
    /// write them in plans by hand.
    public func matches(group: String, kind: String) -> Bool {
        self.group == group && self.kind.lowercased() == kind.lowercased()
    }

    /// `Kind.group`, or `Kind` for the core group.
    public var description: String { group.isEmpty ? kind : "\(kind).\(group)" }
}
