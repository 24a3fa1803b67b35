import Foundation
import Testing
@testable import KubeClient

@Suite("kubeconfig")
struct KubeconfigTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    private func config(_ text: String, name: String = "config") throws -> String { try directory.write(name, text) }

    @Test("the first file to define a cluster, user, context or current-context wins a merge")
    func mergePrecedence() throws {
        let first = try config("""
            current-context: a
            clusters:
            - name: shared
              cluster: {server: "https://first:6443"}
            contexts:
            - name: a
              context: {cluster: shared, user: u, namespace: first-ns}
            users:
            - name: u
              user: {token: first-token}
            """, name: "one")
        let second = try config("""
            current-context: b
            clusters:
            - name: shared
              cluster: {server: "https://second:6443"}
            - name: only-second
              cluster: {server: "https://only:6443"}
            contexts:
            - name: a
              context: {cluster: only-second, user: u}
            - name: b
              context: {cluster: only-second, user: v}
            users:
            - name: u
              user: {token: second-token}
            - name: v
              user: {username: admin, password: secret}
            """, name: "two")
        let merged = try Kubeconfig.load(paths: [first, second])
        #expect(merged.currentContext == "a")
        #expect(merged.clusters["shared"]?.server == "https://first:6443")
        #expect(merged.clusters["only-second"]?.server == "https://only:6443")
        #expect(merged.contexts["a"]?.cluster == "shared")
        #expect(merged.users["u"]?.token == "first-token")
        let resolved = try ClientConfiguration(kubeconfig: merged)
        #expect(resolved.server == "https://first:6443")
        #expect(resolved.namespace == "first-ns")
        #expect(resolved.credentials == .bearerToken("first-token"))
        let other = try ClientConfiguration(kubeconfig: merged, context: "b", namespace: "override")
        #expect(other.server == "https://only:6443")
        #expect(other.namespace == "override")
        #expect(other.credentials == .basic(username: "admin", password: "secret"))
    }

    @Test("KUBECONFIG is split on colons, skipping files that do not exist")
    func kubeconfigEnvironment() throws {
        let first = try config("current-context: x\n", name: "first")
        let second = try config("""
            clusters: [{name: c, cluster: {server: "https://s:1"}}]
            contexts: [{name: x, context: {cluster: c}}]
            """, name: "second")
        let merged = try Kubeconfig.loadDefault(environment: ["KUBECONFIG": "\(first):\(directory.path)/missing:\(second)"])
        #expect(merged.files == [first, second])
        let resolved = try ClientConfiguration(kubeconfig: merged)
        #expect(resolved.server == "https://s:1")
        #expect(resolved.namespace == "default")
        #expect(resolved.credentials == .none)
    }

    @Test("without KUBECONFIG the file is ~/.kube/config")
    func homeConfig() throws {
        try directory.write(".kube/config", "clusters: [{name: c, cluster: {server: \"https://home:1\"}}]\n")
        let loaded = try Kubeconfig.loadDefault(environment: ["HOME": directory.path])
        #expect(loaded.clusters["c"]?.server == "https://home:1")
        #expect(throws: KubeClientError.self) { try Kubeconfig.loadDefault(environment: ["HOME": directory.path + "/nowhere"]) }
    }

    @Test("certificate-authority is relative to the kubeconfig's directory")
    func relativeCertificateAuthority() throws {
        try directory.write("pki/ca.crt", TestCertificates.cluster.caCertificatePEM)
        let file = try config("""
            current-context: c
            clusters: [{name: c, cluster: {server: "https://x:6443", certificate-authority: pki/ca.crt, tls-server-name: api.internal}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            users: [{name: u, user: {tokenFile: token}}]
            """, name: "sub/config")
        try directory.write("sub/pki/ca.crt", TestCertificates.cluster.caCertificatePEM)
        try directory.write("sub/token", "file-token\n")
        let resolved = try ClientConfiguration(kubeconfig: Kubeconfig.loadFile(file))
        #expect(resolved.tls.certificateAuthorityPEM == Array(TestCertificates.cluster.caCertificatePEM.utf8))
        #expect(resolved.tls.certificateAuthoritySource?.contains("\(directory.path)/sub/pki/ca.crt") == true)
        #expect(resolved.tls.serverName == "api.internal")
        #expect(resolved.credentials == .tokenFile("\(directory.path)/sub/token"))
    }

    @Test("embedded CA, client certificate and key data are decoded and checked")
    func embeddedData() throws {
        let certificates = TestCertificates.cluster
        let file = try config("""
            current-context: c
            clusters: [{name: c, cluster: {server: "https://x:6443", certificate-authority-data: \(TestCertificates.base64(certificates.caCertificatePEM))}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            users: [{name: u, user: {client-certificate-data: \(TestCertificates.base64(certificates.servingCertificatePEM)), client-key-data: \(TestCertificates.base64(certificates.servingKeyPEM))}}]
            """)
        let resolved = try ClientConfiguration(kubeconfig: Kubeconfig.loadFile(file))
        #expect(resolved.tls.clientCertificatePEM == Array(certificates.servingCertificatePEM.utf8))
        #expect(resolved.tls.clientKeyPEM == Array(certificates.servingKeyPEM.utf8))
        #expect(resolved.credentials == .none)
    }

    @Test("insecure-skip-tls-verify and proxy-url are read")
    func insecureAndProxy() throws {
        let file = try config("""
            current-context: c
            clusters: [{name: c, cluster: {server: "https://x:6443", insecure-skip-tls-verify: true, proxy-url: "http://proxy:3128"}}]
            contexts: [{name: c, context: {cluster: c}}]
            """)
        let resolved = try ClientConfiguration(kubeconfig: Kubeconfig.loadFile(file))
        #expect(resolved.tls.insecureSkipVerify)
        #expect(resolved.proxyURL == "http://proxy:3128")
    }

    @Test("exec plugins keep command, args, env and a command path relative to the file")
    func execConfig() throws {
        let file = try config("""
            current-context: c
            clusters: [{name: c, cluster: {server: "https://x:6443"}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/plugin
                  args: [get-token, --cluster, c]
                  env: [{name: A, value: "1"}]
                  provideClusterInfo: true
            """)
        let resolved = try ClientConfiguration(kubeconfig: Kubeconfig.loadFile(file))
        guard case .exec(let exec) = resolved.credentials else {
            Issue.record("expected exec credentials, got \(resolved.credentials)")
            return
        }
        #expect(exec.command == "\(directory.path)/./bin/plugin")
        #expect(exec.args == ["get-token", "--cluster", "c"])
        #expect(exec.env.map(\.name) == ["A"] && exec.env.map(\.value) == ["1"])
        #expect(exec.provideClusterInfo)
    }

    @Test("in-cluster configuration reads the service account files under an injectable root")
    func inCluster() throws {
        let base = "var/run/secrets/kubernetes.io/serviceaccount"
        try directory.write("\(base)/token", "sa-token")
        try directory.write("\(base)/ca.crt", TestCertificates.cluster.caCertificatePEM)
        try directory.write("\(base)/namespace", "team-a\n")
        let resolved = try ClientConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"], root: directory.path)
        #expect(resolved.server == "https://10.0.0.1:443")
        #expect(resolved.namespace == "team-a")
        #expect(resolved.credentials == .tokenFile("\(directory.path)/\(base)/token"))
        #expect(resolved.tls.certificateAuthorityPEM != nil)
        #expect(throws: KubeClientError.self) { try ClientConfiguration.inCluster(environment: [:], root: directory.path) }
    }
}
