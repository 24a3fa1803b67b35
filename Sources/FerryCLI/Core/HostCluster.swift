public import FerryAPI
public import KubeClient
import KubeCore

/// The cluster that holds the migration resources, with errors that say what to do.
public struct HostCluster: Sendable {
    /// The client of the host cluster.
    public var client: KubeClient
    /// The namespace the migration resources live in.
    public var namespace: String

    /// Wraps a client.
    public init(client: KubeClient, namespace: String) {
        self.client = client
        self.namespace = namespace
    }

    /// Checks that the host answers and serves the Migration API; the errors name the URL
    /// and the fix.
    public func checkMigrationAPI() async throws {
        do {
            _ = try await client.resource(for: GroupVersionKind(apiVersion: MigrationAPI.apiVersion, kind: MigPlan.resourceType.kind))
        } catch let error as KubeClientError where error.code == .unknownResource {
            throw FerryCLIError(
                code: "api-not-installed",
                message: "the host cluster \(client.configuration.server) does not serve \(MigrationAPI.apiVersion); install it with `ferry install --apply`")
        } catch {
            throw Self.unreachable(client, error)
        }
    }

    /// The error for a host cluster that does not answer.
    public static func unreachable(_ client: KubeClient, _ error: any Error) -> FerryCLIError {
        if let error = error as? FerryCLIError { return error }
        return FerryCLIError(code: "host-unreachable", message: "the host cluster \(client.configuration.server) (\(client.configuration.origin)) failed: \(error)")
    }

    /// The plan `name`; a missing plan is an error pointing at `ferry plan get`.
    public func plan(_ name: String) async throws -> MigPlan {
        do {
            return try MigPlan(object: try await client.get(MigPlan.resourceType.resource, name: name, namespace: namespace))
        } catch let error as KubeAPIError where error.isNotFound {
            throw FerryCLIError(code: "plan-not-found", message: "plan \(name) not found in namespace \(namespace); list the plans with `ferry plan get`")
        }
    }

    /// Every plan in the namespace, by name.
    public func plans() async throws -> [MigPlan] {
        try await client.listAll(MigPlan.resourceType.resource, namespace: namespace).items
            .map { object throws(MigrationAPIError) in try MigPlan(object: object) }
            .sorted { $0.name < $1.name }
    }

    /// The migrations of plan `name`, oldest first.
    public func migrations(ofPlan name: String) async throws -> [MigMigration] {
        try await client.listAll(MigMigration.resourceType.resource, namespace: namespace).items
            .map { object throws(MigrationAPIError) in try MigMigration(object: object) }
            .filter { $0.planName == name }
            .sorted(by: MigrationOrder.isOlder)
    }
}

/// The order migrations of a plan ran in.
public enum MigrationOrder {
    /// Whether `a` was created before `b`.
    ///
    /// Creation times have whole seconds, and a stage and a cutover often start within one.
    /// A plan runs one migration at a time, so within a second the running one is the newest,
    /// and of finished ones the one written last finished (and so started) last.
    public static func isOlder(_ a: MigMigration, _ b: MigMigration) -> Bool {
        let first = a.object.creationTimestamp ?? "", second = b.object.creationTimestamp ?? ""
        if first != second { return first < second }
        if a.isFinished != b.isFinished { return a.isFinished }
        if let versionA = a.object.resourceVersion.flatMap(UInt64.init), let versionB = b.object.resourceVersion.flatMap(UInt64.init), versionA != versionB {
            return versionA < versionB
        }
        return a.name < b.name
    }
}
