public import FerryAPI
import Foundation
public import KubeClient
import KubeCore
public import Logging
import Synchronization

/// Builds and caches a `KubeClient` per MigCluster.
///
/// The host cluster (`isHostCluster: true`) is reached with the controller's own client.
/// A remote cluster is reached at `spec.url` with the `saToken` of the Secret
/// `spec.serviceAccountSecretRef`, trusting `spec.caBundle` (base64 PEM) or nothing at all with
/// `insecure: true`. A cached client is replaced when the MigCluster's connection settings or
/// its Secret change. A replaced client may still be serving a running migration, so it is
/// shut down with the connector rather than at once.
public final class ClusterConnector: Sendable {
    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")

    /// The client of the cluster the controller runs on.
    public let hostClient: KubeClient
    private let logger: Logger
    private let clients = Mutex<[String: CachedClient]>([:])
    private let retired = Mutex<[KubeClient]>([])

    private struct CachedClient {
        var fingerprint: String
        var client: KubeClient
    }

    /// Creates a connector; `hostClient` stays owned by the caller.
    public init(hostClient: KubeClient, logger: Logger) {
        self.hostClient = hostClient
        self.logger = logger
    }

    /// The client for `cluster`, reused while neither it nor its Secret changed.
    public func client(for cluster: MigCluster) async throws -> KubeClient {
        if cluster.spec.isHostCluster == true { return hostClient }
        let (configuration, secretVersion) = try await remoteConfiguration(for: cluster)
        let key = "\(cluster.namespace)/\(cluster.name)"
        // Status writes change the MigCluster's resourceVersion; only what the connection is
        // made of may replace the client.
        let spec = cluster.spec
        let fingerprint = "\(cluster.uid)|\(spec.url ?? "")|\(spec.caBundle ?? "")|\(spec.insecure ?? false)|\(secretVersion)"
        if let cached = clients.withLock({ $0[key] }), cached.fingerprint == fingerprint {
            return cached.client
        }
        let fresh = try KubeClient(configuration: configuration, logger: logger)
        let (chosen, replaced) = clients.withLock { clients -> (KubeClient, KubeClient?) in
            if let cached = clients[key], cached.fingerprint == fingerprint { return (cached.client, fresh) }
            let previous = clients.updateValue(CachedClient(fingerprint: fingerprint, client: fresh), forKey: key)
            return (fresh, previous?.client)
        }
        if let replaced {
            if replaced === fresh {
                try? await fresh.shutdown()
            } else {
                retired.withLock { $0.append(replaced) }
            }
        }
        return chosen
    }

    /// Forgets the client of a deleted MigCluster; it is shut down with the connector.
    public func forget(namespace: String, name: String) {
        guard let removed = clients.withLock({ $0.removeValue(forKey: "\(namespace)/\(name)") }) else { return }
        retired.withLock { $0.append(removed.client) }
    }

    /// Shuts down every remote client, current and replaced; the host client is left to its
    /// owner.
    public func shutdown() async {
        let current = clients.withLock { clients in
            defer { clients.removeAll() }
            return clients.values.map(\.client)
        }
        let all = current + retired.withLock { retired in
            defer { retired.removeAll() }
            return retired
        }
        for client in all { try? await client.shutdown() }
    }

    /// The configuration of a remote cluster, and the resource version of its Secret.
    func remoteConfiguration(for cluster: MigCluster) async throws -> (ClientConfiguration, String) {
        let name = "MigCluster \(cluster.namespace)/\(cluster.name)"
        guard let url = cluster.spec.url, !url.isEmpty else {
            throw ClusterConnectionError(.urlNotSet, "\(name) is a remote cluster without spec.url; set spec.url to its API server URL (or isHostCluster: true for the cluster Ferry runs on)")
        }
        guard let reference = cluster.spec.serviceAccountSecretRef, let secretName = reference.name, !secretName.isEmpty else {
            throw ClusterConnectionError(.secretRefNotSet, "\(name) has no spec.serviceAccountSecretRef; point it at a Secret whose key saToken holds a service account token of the cluster")
        }
        let secretNamespace = reference.namespace ?? cluster.namespace
        let secret: KubeObject
        do {
            secret = try await hostClient.get(Self.secrets, name: secretName, namespace: secretNamespace)
        } catch let error as KubeAPIError where error.isNotFound {
            throw ClusterConnectionError(.secretNotFound, "\(name): Secret \(secretNamespace)/\(secretName) named by spec.serviceAccountSecretRef does not exist; create it with key saToken")
        }
        guard let encoded = secret[path: "data", "saToken"]?.stringValue, let decoded = Data(base64Encoded: encoded),
            let token = String(data: decoded, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty
        else {
            throw ClusterConnectionError(.tokenNotFound, "\(name): Secret \(secretNamespace)/\(secretName) has no key saToken (or it is empty); put the service account token under saToken")
        }
        var tls = ClientConfiguration.TLS(insecureSkipVerify: cluster.spec.insecure == true)
        if let bundle = cluster.spec.caBundle, !bundle.isEmpty, cluster.spec.insecure != true {
            guard let pem = Data(base64Encoded: bundle, options: .ignoreUnknownCharacters), String(decoding: pem, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
                throw ClusterConnectionError(.invalidCABundle, "\(name): spec.caBundle is not base64 of a PEM certificate; set it to the base64 of the cluster's CA certificate (base64 -w0 ca.crt)")
            }
            tls.certificateAuthorityPEM = Array(pem)
            tls.certificateAuthoritySource = "spec.caBundle of \(name)"
        }
        let host = hostClient.configuration
        let configuration = ClientConfiguration(
            server: url, tls: tls, credentials: .bearerToken(token), namespace: "default",
            queriesPerSecond: host.queriesPerSecond, burst: host.burst, maxAttempts: 3,
            connectTimeout: .seconds(10), requestTimeout: host.requestTimeout, userAgent: host.userAgent,
            proxyURL: host.proxyURL, origin: name)
        return (configuration, secret.resourceVersion ?? "")
    }
}
