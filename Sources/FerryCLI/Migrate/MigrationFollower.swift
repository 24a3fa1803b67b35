public import FerryAPI
import KubeClient
public import KubeCore

/// Follows one migration through a watch until it ends.
public struct MigrationFollower: Sendable {
    /// The host cluster.
    public var host: HostCluster

    /// Creates a follower.
    public init(host: HostCluster) {
        self.host = host
    }

    /// Calls `update` with every version of migration `name` (the current one first) and
    /// returns the version that finished it.
    public func follow(_ name: String, update: (MigMigration) async throws -> Void) async throws -> MigMigration {
        try await follow(MigMigration.resourceType.resource, name: name) { object in
            let migration = try MigMigration(object: object)
            try await update(migration)
            return migration.isFinished ? migration : nil
        }
    }

    /// Watches object `name` of `resource` and calls `update` with every version until it
    /// returns a value; deletion is an error.
    public func follow<Result: Sendable>(
        _ resource: GroupVersionResource, name: String, update: (KubeObject) async throws -> Result?
    ) async throws -> Result {
        let options = ListOptions(fieldSelector: "metadata.name=\(name)")
        var lastVersion: String?
        for try await event in host.client.listWatch(resource, namespace: host.namespace, options: options) {
            switch event.type {
            case .added, .modified:
                guard event.object.name == name, event.object.resourceVersion != lastVersion else { continue }
                lastVersion = event.object.resourceVersion
                if let result = try await update(event.object) { return result }
            case .deleted:
                throw FerryCLIError(code: "deleted", message: "\(resource.resource) \(name) was deleted while it was followed")
            case .error:
                if let error = event.error { throw error }
            case .bookmark:
                continue
            }
        }
        throw FerryCLIError(code: "watch-ended", message: "the watch of \(resource.resource) \(name) on \(host.client.configuration.server) ended")
    }

    /// As ``follow(_:name:update:)``, giving up after `timeout`: nil then.
    public func follow<Result: Sendable>(
        _ resource: GroupVersionResource, name: String, timeout: Duration, update: @escaping @Sendable (KubeObject) async throws -> Result?
    ) async throws -> Result? {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await follow(resource, name: name, update: update) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
