/// How a delete proceeds.
public struct DeleteOptions: Sendable, Hashable {
    /// How dependents are treated.
    public enum PropagationPolicy: String, Sendable, Hashable {
        /// Dependents are deleted by the garbage collector after the owner is gone.
        case background = "Background"
        /// The owner stays, with a `foregroundDeletion` finalizer, until blocking dependents are gone.
        case foreground = "Foreground"
        /// Dependents lose their owner reference and stay.
        case orphan = "Orphan"
    }

    /// How dependents are treated; `nil` means the resource's default (background).
    public var propagationPolicy: PropagationPolicy?
    /// Delete only if the object still has this uid.
    public var preconditionUID: String?
    /// Delete only if the object still has this resource version.
    public var preconditionResourceVersion: String?
    /// Grace period; 0 deletes at once.
    public var gracePeriodSeconds: Int?
    /// Validate only; change nothing.
    public var dryRun: Bool

    /// Creates options.
    public init(
        propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil, gracePeriodSeconds: Int? = nil, dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.gracePeriodSeconds = gracePeriodSeconds
        self.dryRun = dryRun
    }
}
