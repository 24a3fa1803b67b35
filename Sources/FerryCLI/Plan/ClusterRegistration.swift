public import FerryAPI
import Foundation
import KubeClient
public import KubeCore

/// The MigCluster (and, for a remote cluster, its token Secret) that stands for one
/// kubeconfig context on the host cluster.
public struct ClusterRegistration: Sendable {
    /// Where MTC keeps remote clusters' token Secrets.
    public static let secretNamespace = "openshift-config"
    /// The Secret key MTC reads the service-account token from.
    public static let tokenKey = "saToken"

    /// The context this cluster comes from.
    public var context: String
    /// The MigCluster to create.
    public var cluster: MigCluster
    /// The token Secret of a remote cluster; `nil` for the host cluster.
    public var tokenSecret: KubeObject?

    /// The registration of `context`: the host cluster gets `isHostCluster: true`; a remote
    /// one gets its URL, CA bundle, `insecure` flag and a Secret with the context's bearer
    /// token.
    public init(context: String, name: String, isHost: Bool, contexts: KubeconfigContexts, namespace: String) throws(FerryCLIError) {
        self.context = context
        var spec = MigCluster.Spec()
        guard !isHost else {
            spec.isHostCluster = true
            cluster = MigCluster(name: name, namespace: namespace, spec: spec)
            tokenSecret = nil
            return
        }
        let configuration = try contexts.configuration(context: context)
        let token = try Self.bearerToken(of: configuration, context: context)
        let secretName = "\(name)-token"
        spec.isHostCluster = false
        spec.url = configuration.server
        spec.serviceAccountSecretRef = MigrationObjectReference(name: secretName, namespace: Self.secretNamespace)
        if let pem = configuration.tls.certificateAuthorityPEM {
            spec.caBundle = Data(pem).base64EncodedString()
        }
        if configuration.tls.insecureSkipVerify { spec.insecure = true }
        cluster = MigCluster(name: name, namespace: namespace, spec: spec)
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: secretName, namespace: Self.secretNamespace)
        secret.labels = ["app.kubernetes.io/managed-by": "ferry", "migration.openshift.io/migcluster": name]
        secret["type"] = "Opaque"
        secret["data"] = .object([Self.tokenKey: .string(Data(token.utf8).base64EncodedString())])
        tokenSecret = secret
    }

    private static func bearerToken(of configuration: ClientConfiguration, context: String) throws(FerryCLIError) -> String {
        switch configuration.credentials {
        case .bearerToken(let token):
            return token
        case .tokenFile(let path):
            guard let data = FileManager.default.contents(atPath: path),
                let token = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty
            else {
                throw FerryCLIError(code: "token-unreadable", message: "context \"\(context)\": token file \(path) cannot be read or is empty")
            }
            return token
        case .none, .basic, .exec:
            throw FerryCLIError(
                code: "no-token",
                message: """
                    context "\(context)" authenticates without a bearer token (client certificate, basic auth or exec plugin), \
                    and a remote MigCluster needs a service-account token. Create one on that cluster, for example \
                    `kubectl --context \(context) -n openshift-migration create serviceaccount migration-controller` and \
                    `kubectl --context \(context) -n openshift-migration create token migration-controller --duration=8760h`, \
                    then put it in a kubeconfig context's user `token` and pass that context
                    """)
        }
    }
}
