public import FerryAPI
import KubeClient
import KubeCore

/// Creates, idempotently, what a plan needs on the host cluster: a MigCluster for each side
/// (with a token Secret for a remote one) and the MigPlan, by server-side apply as
/// field manager `ferry`, so a second run changes only what the request changed.
public struct PlanCreator: Sendable {
    /// The field manager of every object Ferry's CLI applies.
    public static let fieldManager = "ferry"

    /// The host cluster.
    public var host: HostCluster
    /// The kubeconfig the contexts come from.
    public var contexts: KubeconfigContexts
    /// The host cluster's context: clusters reached through it (or through its API server
    /// URL) are registered as the host.
    public var hostContext: String

    /// Creates a creator.
    public init(host: HostCluster, contexts: KubeconfigContexts, hostContext: String) {
        self.host = host
        self.contexts = contexts
        self.hostContext = hostContext
    }

    /// What was applied.
    public struct Result: Sendable {
        /// The clusters, source first (one entry when both sides are the same cluster).
        public var clusters: [MigCluster]
        /// The token Secrets, by `namespace/name`.
        public var secrets: [String]
        /// The plan as stored.
        public var plan: MigPlan
    }

    /// The registrations of the request's two contexts.
    public func registrations(for request: PlanRequest) throws(FerryCLIError) -> (source: ClusterRegistration, destination: ClusterRegistration) {
        let sourceContext = try contexts.contextName(request.sourceContext)
        let destinationContext = try contexts.contextName(request.destinationContext)
        // Every context that reaches the host is the one host MigCluster, named after the
        // host context, however many contexts point at that API server.
        let sourceName = ClusterName.sanitized(isHost(sourceContext) ? hostContext : sourceContext)
        let destinationName = ClusterName.sanitized(isHost(destinationContext) ? hostContext : destinationContext)
        let sameCluster = sourceContext == destinationContext || (isHost(sourceContext) && isHost(destinationContext))
        if sourceName == destinationName, !sameCluster {
            throw FerryCLIError(
                code: "cluster-name-clash",
                message: "contexts \"\(sourceContext)\" and \"\(destinationContext)\" both become MigCluster \(sourceName); rename one context in the kubeconfig")
        }
        let source = try ClusterRegistration(
            context: sourceContext, name: sourceName, isHost: isHost(sourceContext), contexts: contexts, namespace: host.namespace)
        let destination = try ClusterRegistration(
            context: destinationContext, name: destinationName, isHost: isHost(destinationContext), contexts: contexts, namespace: host.namespace)
        return (source, destination)
    }

    /// Applies the clusters, Secrets and plan of `request`.
    public func create(_ request: PlanRequest) async throws -> Result {
        let (source, destination) = try registrations(for: request)
        let spec = try request.spec(source: source.cluster.reference, destination: destination.cluster.reference)
        try await host.checkMigrationAPI()
        try await ensureNamespace(host.namespace)
        var registrations = [source]
        if destination.cluster.name != source.cluster.name { registrations.append(destination) }
        var secrets: [String] = []
        var clusters: [MigCluster] = []
        for registration in registrations {
            if let secret = registration.tokenSecret {
                try await ensureNamespace(ClusterRegistration.secretNamespace)
                _ = try await apply(secret)
                secrets.append(secret.qualifiedName)
            }
            clusters.append(try MigCluster(object: try await apply(registration.cluster.encoded())))
        }
        var plan = MigPlan(name: request.name, namespace: host.namespace, spec: spec)
        plan.object.labels = ["app.kubernetes.io/managed-by": "ferry"]
        let stored = try MigPlan(object: try await apply(plan.encoded()))
        return Result(clusters: clusters, secrets: secrets, plan: stored)
    }

    func isHost(_ context: String) -> Bool {
        if context == hostContext { return true }
        guard let server = contexts.server(of: context), let hostServer = contexts.server(of: hostContext) else { return false }
        return normalized(server) == normalized(hostServer)
    }

    private func normalized(_ server: String) -> String {
        server.hasSuffix("/") ? String(server.dropLast()) : server
    }

    private func apply(_ object: KubeObject) async throws -> KubeObject {
        // Only the fields this request sets are sent: the controller's own fields (a plan's
        // persistent volumes, status) belong to other managers and stay.
        var intent = object
        intent["status"] = nil
        return try await host.client.apply(intent, fieldManager: Self.fieldManager, force: true)
    }

    private func ensureNamespace(_ name: String) async throws {
        let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
        do {
            _ = try await host.client.get(namespaces, name: name)
        } catch let error as KubeAPIError where error.isNotFound {
            do {
                _ = try await host.client.create(namespaces, KubeObject(apiVersion: "v1", kind: "Namespace", name: name))
            } catch let error as KubeAPIError where error.isAlreadyExists {}
        }
    }
}
