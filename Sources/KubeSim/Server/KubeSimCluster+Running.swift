public import Logging
import ServiceLifecycle

extension KubeSimCluster {
    /// Starts a cluster, waits until it serves, runs `body` with it, then shuts it down.
    ///
    /// Meant for tests: pass a configuration with port 0 for an ephemeral port.
    public static func withRunning<T>(
        _ configuration: Configuration = Configuration(), logger: Logger = Logger(label: "kubesim"),
        _ body: (KubeSimCluster) async throws -> T
    ) async throws -> T {
        let cluster = try KubeSimCluster(configuration: configuration, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: cluster)], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await cluster.waitUntilServing()
                let result = try await body(cluster)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}
