import Foundation
import Testing
@testable import KubeClient

@Suite("kubeconfig errors name the file, the entry and the problem")
struct KubeconfigErrorTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    private func message(_ text: String) throws -> String {
        let file = try directory.write("config", text)
        do {
            _ = try ClientConfiguration(kubeconfig: Kubeconfig.loadFile(file))
        } catch {
            #expect(error.code == .invalidConfiguration)
            return error.message
        }
        Issue.record("the kubeconfig was accepted")
        return ""
    }

    private var file: String { "\(directory.path)/config" }

    @Test("a context naming an undefined cluster")
    func undefinedCluster() throws {
        let text = try message("""
            current-context: prod
            contexts: [{name: prod, context: {cluster: c1, user: u}}]
            users: [{name: u, user: {token: t}}]
            """)
        #expect(text == "kubeconfig \(file): context \"prod\" refers to cluster \"c1\", which is not defined")
    }

    @Test("a context naming an undefined user")
    func undefinedUser() throws {
        let text = try message("""
            current-context: prod
            clusters: [{name: c1, cluster: {server: "https://x:1"}}]
            contexts: [{name: prod, context: {cluster: c1, user: ghost}}]
            """)
        #expect(text == "kubeconfig \(file): context \"prod\" refers to user \"ghost\", which is not defined")
    }

    @Test("an undefined current context")
    func undefinedContext() throws {
        let text = try message("current-context: nope\n")
        #expect(text.hasPrefix("kubeconfig \(file): context \"nope\" is not defined"))
    }

    @Test("certificate-authority-data that is not base64")
    func badBase64() throws {
        let text = try message("""
            current-context: c
            clusters: [{name: c1, cluster: {server: "https://x:1", certificate-authority-data: "not base64!!"}}]
            contexts: [{name: c, context: {cluster: c1}}]
            """)
        #expect(text == "kubeconfig \(file): cluster \"c1\": certificate-authority-data is not valid base64")
    }

    @Test("a certificate-authority file that does not exist")
    func missingCAFile() throws {
        let text = try message("""
            current-context: c
            clusters: [{name: c1, cluster: {server: "https://x:1", certificate-authority: ca.crt}}]
            contexts: [{name: c, context: {cluster: c1}}]
            """)
        #expect(text == "kubeconfig \(file): cluster \"c1\": certificate-authority \(directory.path)/ca.crt: no such file")
    }

    @Test("client-key-data that is not a PEM key")
    func badKey() throws {
        let certificate = TestCertificates.base64(TestCertificates.cluster.servingCertificatePEM)
        let text = try message("""
            current-context: c
            clusters: [{name: c1, cluster: {server: "https://x:1"}}]
            contexts: [{name: c, context: {cluster: c1, user: u}}]
            users: [{name: u, user: {client-certificate-data: \(certificate), client-key-data: \(TestCertificates.base64("garbage"))}}]
            """)
        #expect(text == "kubeconfig \(file): user \"u\": PEM in client-key-data could not be read")
    }

    @Test("auth-provider is refused with the alternative")
    func authProvider() throws {
        let text = try message("""
            current-context: c
            clusters: [{name: c1, cluster: {server: "https://x:1"}}]
            contexts: [{name: c, context: {cluster: c1, user: u}}]
            users: [{name: u, user: {auth-provider: {name: gcp}}}]
            """)
        #expect(text == "kubeconfig \(file): user \"u\": auth-provider \"gcp\" is not supported; use an exec credential plugin (client.authentication.k8s.io) instead")
    }

    @Test("a cluster without server, invalid YAML, an unknown exec version")
    func otherProblems() throws {
        #expect(try message("""
            current-context: c
            clusters: [{name: c1, cluster: {}}]
            contexts: [{name: c, context: {cluster: c1}}]
            """) == "kubeconfig \(file): cluster \"c1\": server is not set")
        #expect(try message("clusters: [unclosed\n").hasPrefix("kubeconfig \(file): not valid YAML"))
        #expect(try message("""
            current-context: c
            clusters: [{name: c1, cluster: {server: "https://x:1"}}]
            contexts: [{name: c, context: {cluster: c1, user: u}}]
            users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}}]
            """).contains("user \"u\": exec apiVersion \"client.authentication.k8s.io/v1alpha1\" is not supported"))
    }

    @Test("a missing explicit kubeconfig file")
    func missingFile() throws {
        #expect(throws: KubeClientError(.invalidConfiguration, "kubeconfig \(directory.path)/absent: no such file")) {
            try Kubeconfig.load(paths: ["\(directory.path)/absent"])
        }
    }
}
