import FerryAPI
import FerryController
import FerryImages
import Testing

@Suite("Registry endpoints of clusters")
struct RegistryEndpointTests {
    static func cluster(exposed: String?, registryPath: String? = nil, insecure: Bool? = nil) -> MigCluster {
        var spec = MigCluster.Spec()
        spec.exposedRegistryPath = exposed
        spec.insecure = insecure
        var cluster = MigCluster(name: "source", spec: spec)
        cluster.status.registryPath = registryPath
        return cluster
    }

    @Test("a cluster without a registry path has no endpoint, so the image step is skipped")
    func noRegistry() {
        #expect(RegistryEndpoint(cluster: Self.cluster(exposed: nil), token: nil) == nil)
        #expect(RegistryEndpoint(cluster: Self.cluster(exposed: ""), token: nil) == nil)
    }

    @Test("the exposed path wins over the status path; a scheme and trailing slashes are not part of image names")
    func pathsAreNormalized() throws {
        let endpoint = try #require(RegistryEndpoint(cluster: Self.cluster(exposed: "https://registry.apps.example.com/", registryPath: "internal:5000"), token: nil))
        #expect(endpoint.path == "registry.apps.example.com")
        let fromStatus = try #require(RegistryEndpoint(cluster: Self.cluster(exposed: nil, registryPath: "internal:5000"), token: nil))
        #expect(fromStatus.path == "internal:5000")
    }

    @Test("http:// means plain HTTP, insecure skips verification, and a token is presented as the password")
    func transportAndCredentials() throws {
        let plain = try #require(RegistryEndpoint(cluster: Self.cluster(exposed: "http://127.0.0.1:5000"), token: nil))
        #expect(plain.path == "127.0.0.1:5000")
        guard case .plainHTTP = plain.configuration.transport else { Issue.record("expected plain HTTP"); return }
        guard case .anonymous = plain.configuration.credentials else { Issue.record("expected anonymous"); return }
        let insecure = try #require(RegistryEndpoint(cluster: Self.cluster(exposed: "registry.example.com", insecure: true), token: "sa-token"))
        guard case .httpsInsecure = insecure.configuration.transport else { Issue.record("expected HTTPS without verification"); return }
        guard case .basic(_, let password) = insecure.configuration.credentials else { Issue.record("expected basic credentials"); return }
        #expect(password == "sa-token")
        let verified = try #require(RegistryEndpoint(cluster: Self.cluster(exposed: "registry.example.com"), token: nil))
        guard case .https = verified.configuration.transport else { Issue.record("expected verified HTTPS"); return }
    }
}
