public import FerryAPI
import FerryCLI
public import KubeClient
import KubeCore
public import Logging

/// What the console does with the migration resources, for the API and the pages alike.
///
/// Every method takes the signed-in user and works with that user's own client, so the host
/// cluster's RBAC decides what each person sees and may change.
public struct ConsoleBackend: Sendable {
    /// The namespace the migration resources live in.
    public var namespace: String
    /// Where remote clusters' token Secrets and storages' credential Secrets are kept.
    public var secretNamespace: String
    /// The host cluster without credentials (for building clients of remote clusters only).
    public var hostCluster: ClientConfiguration
    /// The logger.
    public var logger: Logger

    /// Creates a backend.
    public init(namespace: String = MigrationAPI.defaultNamespace, secretNamespace: String = "openshift-config", hostCluster: ClientConfiguration, logger: Logger) {
        self.namespace = namespace
        self.secretNamespace = secretNamespace
        self.hostCluster = hostCluster
        self.logger = logger
    }

    /// The field manager of the objects the console writes.
    public static let fieldManager = "ferry-console"

    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")

    func host(_ user: ConsoleUser) -> HostCluster {
        HostCluster(client: user.client, namespace: namespace)
    }

    func read<Resource: MigrationResource>(_ type: Resource.Type, _ name: String, user: ConsoleUser) async throws -> Resource {
        do {
            return try Resource(object: try await user.client.get(Resource.resourceType.resource, name: name, namespace: namespace))
        } catch let error as KubeAPIError where error.isNotFound {
            throw ConsoleAPIError.notFound("\(Resource.resourceType.kind) \(name) not found in namespace \(namespace)")
        }
    }

    func list<Resource: MigrationResource>(_ type: Resource.Type, user: ConsoleUser) async throws -> [Resource] {
        do {
            return try await user.client.listAll(Resource.resourceType.resource, namespace: namespace).items
                .map { object throws(MigrationAPIError) in try Resource(object: object) }
                .sorted { $0.name < $1.name }
        } catch let error as KubeAPIError where error.isNotFound {
            throw Self.apiNotInstalled(user)
        }
    }

    static func apiNotInstalled(_ user: ConsoleUser) -> ConsoleAPIError {
        ConsoleAPIError(
            status: .serviceUnavailable, code: "MigrationAPINotInstalled",
            message: "the host cluster \(user.client.configuration.server) does not serve \(MigrationAPI.apiVersion); install it with `ferry install --apply`")
    }

    /// Writes `secret` (create or replace) with the user's client.
    func write(secret: KubeObject, user: ConsoleUser) async throws {
        var intent = secret
        intent["status"] = nil
        _ = try await user.client.apply(intent, fieldManager: Self.fieldManager, force: true)
    }

    /// Creates the namespace `name` when missing; a user who may not read namespaces but may
    /// write in it goes on (the write itself then decides).
    func ensureNamespace(_ name: String, user: ConsoleUser) async throws {
        do {
            _ = try await user.client.get(Self.namespaces, name: name)
        } catch let error as KubeAPIError where error.isNotFound {
            do {
                _ = try await user.client.create(Self.namespaces, KubeObject(apiVersion: "v1", kind: "Namespace", name: name))
            } catch let error as KubeAPIError where error.isAlreadyExists {}
        } catch let error as KubeAPIError where error.code == 403 {}
    }
}
