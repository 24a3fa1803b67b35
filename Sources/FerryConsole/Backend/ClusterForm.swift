import Foundation

/// What the console's cluster form (and `POST /api/clusters`) sends.
public struct ClusterForm: Codable, Sendable, Hashable {
    /// The MigCluster's name.
    public var name: String?
    /// Whether this stands for the host cluster (no URL or token then).
    public var isHostCluster: Bool?
    /// The remote cluster's API server URL.
    public var url: String?
    /// A service-account token of the remote cluster; on update, empty keeps the stored one.
    public var token: String?
    /// PEM certificates of the remote cluster's CA.
    public var caBundle: String?
    /// Skip TLS verification of the remote cluster.
    public var insecure: Bool?
    /// The route of the remote cluster's image registry, such as `registry.apps.example.com`.
    public var exposedRegistryPath: String?

    /// Creates a form.
    public init(name: String? = nil, isHostCluster: Bool? = nil, url: String? = nil, token: String? = nil, caBundle: String? = nil, insecure: Bool? = nil, exposedRegistryPath: String? = nil) {
        self.name = name
        self.isHostCluster = isHostCluster
        self.url = url
        self.token = token
        self.caBundle = caBundle
        self.insecure = insecure
        self.exposedRegistryPath = exposedRegistryPath
    }

    /// Checks the form; `creating` requires a token for a remote cluster.
    public func validate(creating: Bool) throws(ConsoleValidationError) {
        var checks = FieldChecks()
        checks.objectName(name, "name", what: "cluster name")
        if isHostCluster != true {
            checks.url(url, "url", what: "URL", required: true)
            if creating { checks.required(token, "token", what: "a service-account token of the cluster") }
            checks.certificates(caBundle, "caBundle", what: "CA bundle")
            if insecure == true, let bundle = caBundle, !bundle.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                checks.add("insecure", "choose either a CA bundle or skipping TLS verification, not both")
            }
        }
        if let path = exposedRegistryPath, path.contains("://") {
            checks.add("exposedRegistryPath", "the registry path is a host (and optional port), such as registry.apps.example.com, without a scheme")
        }
        try checks.check()
    }
}
