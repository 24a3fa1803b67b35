public import FerryAPI
public import FerryImages

/// How the controller reaches a MigCluster's image registry.
public struct RegistryEndpoint: Sendable {
    /// The registry path migrations name images by, such as `registry.apps.example.com` or
    /// `127.0.0.1:5000`, without a scheme.
    public var path: String
    /// The registry's in-cluster name (`status.registryPath`, e.g.
    /// `image-registry.openshift-image-registry.svc:5000`): how the cluster's own workloads and
    /// ImageStreams name it; nil when unknown.
    public var internalPath: String?
    /// How to talk to it.
    public var configuration: RegistryConfiguration

    /// The registry of `cluster` (`spec.exposedRegistryPath`, else `status.registryPath`);
    /// `nil` when it names none. A path written `http://…` is plain HTTP (a registry on a
    /// trusted network or loopback); otherwise HTTPS, without verification when the cluster is
    /// `insecure`. `token` (the cluster's service-account token) is presented as a password,
    /// which OpenShift's registry accepts.
    public init?(cluster: MigCluster, token: String?) {
        let named = [cluster.spec.exposedRegistryPath, cluster.status.registryPath].compactMap { $0 }.first { !$0.isEmpty }
        guard var path = named else { return nil }
        var transport: RegistryConfiguration.Transport = cluster.spec.insecure == true ? .httpsInsecure : .https()
        if path.hasPrefix("http://") {
            path.removeFirst("http://".count)
            transport = .plainHTTP
        } else if path.hasPrefix("https://") {
            path.removeFirst("https://".count)
        }
        while path.hasSuffix("/") { path.removeLast() }
        guard !path.isEmpty else { return nil }
        self.path = path
        internalPath = cluster.status.registryPath.flatMap { $0.isEmpty ? nil : $0 }
        configuration = RegistryConfiguration(
            credentials: token.map { .basic(username: "serviceaccount", password: $0) } ?? .anonymous, transport: transport)
    }
}
