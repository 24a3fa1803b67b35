public import KubeSimStorage
public import Logging

/// What every controller of a simulated cluster needs: the store it converges and a logger.
public struct ControllerContext: Sendable {
    /// The cluster's objects.
    public var store: ObjectStore
    /// Where controllers log.
    public var logger: Logger

    /// Creates a context.
    public init(store: ObjectStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }
}
