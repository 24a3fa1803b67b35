/// What a restore does with an object that already exists on the destination and was not
/// created by the same migration.
public enum ExistingObjectPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Leave it as it is and report it.
    case skip
    /// Replace its content with the migrated object's.
    case update
}
