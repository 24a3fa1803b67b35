import FerryAPI
import FerryCLI
import Foundation
import HTTPTypes
import KubeClient
import KubeCore

extension ConsoleBackend {
    /// Namespaces of the MigCluster `name` to offer in a plan: for a remote cluster, what
    /// the cluster's own service-account token lists (as MTC's console does); for the host
    /// cluster, only what the signed-in user may see.
    public func namespaces(cluster name: String, user: ConsoleUser) async throws -> [String] {
        let cluster = try await self.cluster(name, user: user)
        if cluster.spec.isHostCluster == true { return try await hostNamespaces(user: user) }
        let configuration = try await remoteConfiguration(cluster, user: user)
        let client = try KubeClient(configuration: configuration, logger: logger)
        do {
            let names = try await client.listAll(Self.namespaces).items.map(\.name).sorted()
            try await client.shutdown()
            return names
        } catch {
            try? await client.shutdown()
            throw ConsoleAPIError(
                status: HTTPResponse.Status(code: 424), code: "RemoteClusterFailed",
                message: "listing the namespaces of cluster \(name) (\(configuration.server)) with its service-account token failed: \(error)")
        }
    }

    /// Namespaces of the host cluster the user may see: the whole list when the user may list
    /// namespaces; otherwise the namespaces the user's service account lives in or that the
    /// user's plans name, each kept only when the user may list pods there.
    public func hostNamespaces(user: ConsoleUser) async throws -> [String] {
        do {
            return try await user.client.listAll(Self.namespaces).items.map(\.name).sorted()
        } catch let error as KubeAPIError where error.code == 403 {
            var candidates = Set<String>()
            if let own = user.serviceAccountNamespace { candidates.insert(own) }
            if let plans = try? await host(user).plans() {
                for plan in plans { candidates.formUnion(plan.sourceNamespaces + plan.destinationNamespaces) }
            }
            var visible: [String] = []
            for candidate in candidates.sorted() where try await AccessCheck.allowed(user.client, verb: "list", group: "", resource: "pods", namespace: candidate) {
                visible.append(candidate)
            }
            return visible
        }
    }

    /// The client configuration of a remote MigCluster: its URL, CA bundle or `insecure`, and
    /// the token from its Secret (read with the user's client).
    func remoteConfiguration(_ cluster: MigCluster, user: ConsoleUser) async throws -> ClientConfiguration {
        guard let url = cluster.spec.url, !url.isEmpty else {
            throw ConsoleAPIError(status: .conflict, code: "ClusterIncomplete", message: "cluster \(cluster.name) has no URL; edit it and set the API server URL")
        }
        guard let reference = cluster.spec.serviceAccountSecretRef, let secretName = reference.name else {
            throw ConsoleAPIError(status: .conflict, code: "ClusterIncomplete", message: "cluster \(cluster.name) has no token Secret; edit it and set a service-account token")
        }
        let secret: KubeObject
        do {
            secret = try await user.client.get(Self.secrets, name: secretName, namespace: reference.namespace ?? secretNamespace)
        } catch let error as KubeAPIError where error.isNotFound {
            throw ConsoleAPIError(status: .conflict, code: "ClusterIncomplete", message: "the token Secret \(reference.namespace ?? secretNamespace)/\(secretName) of cluster \(cluster.name) is missing; edit the cluster and set its token")
        }
        guard let encoded = secret["data"]?[ClusterRegistration.tokenKey]?.stringValue, let data = Data(base64Encoded: encoded),
            let token = String(data: data, encoding: .utf8), !token.isEmpty
        else {
            throw ConsoleAPIError(status: .conflict, code: "ClusterIncomplete", message: "Secret \(secret.qualifiedName) has no \(ClusterRegistration.tokenKey); edit cluster \(cluster.name) and set its token")
        }
        var tls = ClientConfiguration.TLS(insecureSkipVerify: cluster.spec.insecure ?? false)
        if let bundle = cluster.spec.caBundle, !bundle.isEmpty, let pem = Data(base64Encoded: bundle) {
            tls.certificateAuthorityPEM = Array(pem)
            tls.certificateAuthoritySource = "caBundle of MigCluster \(cluster.name)"
            tls.insecureSkipVerify = false
        }
        return ClientConfiguration(
            server: url, tls: tls, credentials: .bearerToken(token.trimmingCharacters(in: .whitespacesAndNewlines)), queriesPerSecond: 0,
            maxAttempts: 2, requestTimeout: .seconds(20), origin: "MigCluster \(cluster.name)")
    }
}
