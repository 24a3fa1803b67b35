public import Foundation

extension ClientConfiguration {
    /// The configuration of a pod's service account, as client-go's `InClusterConfig`: the
    /// server from `KUBERNETES_SERVICE_HOST`/`KUBERNETES_SERVICE_PORT`, and the token, CA and
    /// namespace from `<root>/var/run/secrets/kubernetes.io/serviceaccount`. `root` is `/`
    /// except in tests.
    public static func inCluster(environment: [String: String] = ProcessInfo.processInfo.environment, root: String = "/") throws(KubeClientError) -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeClientError(.invalidConfiguration, "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        let base = (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/var/run/secrets/kubernetes.io/serviceaccount"
        let tokenPath = "\(base)/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeClientError(.invalidConfiguration, "in-cluster configuration: service account token \(tokenPath): no such file")
        }
        let reader = MaterialReader(file: base, entry: "in-cluster service account")
        let caPath = "\(base)/ca.crt"
        let caPEM = try reader.certificates(file: caPath, field: "ca.crt")
        var namespace = "default"
        if let data = FileManager.default.contents(atPath: "\(base)/namespace"),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        {
            namespace = text
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return ClientConfiguration(
            server: "https://\(hostPart):\(port)",
            tls: TLS(certificateAuthorityPEM: caPEM, certificateAuthoritySource: "in-cluster CA \(caPath)"),
            credentials: .tokenFile(tokenPath), namespace: namespace, origin: "in-cluster service account \(base)")
    }
}
