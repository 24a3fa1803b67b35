public import KubeClient
import KubeCore

/// Applies ``InstallManifests`` to a cluster by server-side apply and waits until the API
/// server serves every CRD.
public struct Installer: Sendable {
    /// The cluster to install on.
    public var client: KubeClient
    /// How long to wait for the CRDs to become Established.
    public var establishTimeout: Duration

    /// Creates an installer.
    public init(client: KubeClient, establishTimeout: Duration = .seconds(60)) {
        self.client = client
        self.establishTimeout = establishTimeout
    }

    static let definitions = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")

    /// Applies every object in order, reporting each as `kind/name`; the CRDs are applied
    /// first and must be Established before the rest.
    public func install(_ manifests: InstallManifests, progress: (String) -> Void = { _ in }) async throws {
        let definitions = manifests.customResourceDefinitions
        for object in definitions {
            _ = try await apply(object)
            progress("\(object.kind.lowercased())/\(object.name) applied")
        }
        try await waitUntilEstablished(definitions.map(\.name))
        progress("custom resource definitions established")
        _ = try await client.resourceMapper(refresh: true)
        for object in manifests.objects.dropFirst(definitions.count) {
            _ = try await apply(object)
            progress("\(object.kind.lowercased())/\(object.name) applied")
        }
    }

    private func apply(_ object: KubeObject) async throws -> KubeObject {
        do {
            return try await client.apply(object, fieldManager: PlanCreator.fieldManager, force: true)
        } catch let error as KubeClientError where error.code == .transport {
            throw HostCluster.unreachable(client, error)
        } catch let error as KubeAPIError {
            throw FerryCLIError(code: "install-failed", message: "\(object.kind) \(object.qualifiedName) could not be applied to \(client.configuration.server): \(error)")
        }
    }

    /// Waits until every CRD in `names` reports `Established`.
    public func waitUntilEstablished(_ names: [String]) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: establishTimeout)
        var pending = Set(names)
        while true {
            for name in pending.sorted() {
                let definition = try await client.get(Self.definitions, name: name)
                let established = definition[path: "status", "conditions"]?.arrayValue?.contains {
                    $0["type"]?.stringValue == "Established" && $0["status"]?.stringValue == "True"
                }
                if established == true { pending.remove(name) }
            }
            if pending.isEmpty { return }
            guard clock.now < deadline else {
                throw FerryCLIError(
                    code: "crd-not-established",
                    message: "custom resource definitions \(pending.sorted().joined(separator: ", ")) are not Established after \(establishTimeout); check `kubectl get crd` on \(client.configuration.server)")
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }
}
