import KubeCore
@testable import KubeSim
import Testing

@Suite("Discovery documents")
struct DiscoveryTests {
    @Test("/api, /apis and resource lists describe the served resources")
    func discoveryDocuments() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let api = try await http.send(.GET, "/api")
            #expect(api.code == 200)
            #expect(api.json["kind"] == "APIVersions")
            #expect(api.json["versions"] == ["v1"])

            let groups = try await http.send(.GET, "/apis")
            let names = groups.json["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.contains("apps"))
            #expect(names.contains("rbac.authorization.k8s.io"))

            let core = try await http.send(.GET, "/api/v1")
            let resources = core.json["resources"]?.arrayValue ?? []
            let pods = try #require(resources.first { $0["name"] == "pods" })
            #expect(pods["namespaced"] == true)
            #expect(pods["kind"] == "Pod")
            #expect(resources.contains { $0["name"] == "pods/status" })
            let namespaces = try #require(resources.first { $0["name"] == "namespaces" })
            #expect(namespaces["namespaced"] == false)

            let apps = try await http.send(.GET, "/apis/apps/v1")
            let scale = try #require(apps.json["resources"]?.arrayValue?.first { $0["name"] == "deployments/scale" })
            #expect(scale["kind"] == "Scale")
            #expect(scale["group"] == "autoscaling")

            let group = try await http.send(.GET, "/apis/apps")
            #expect(group.json["kind"] == "APIGroup")
            #expect(group.json["preferredVersion"]?["groupVersion"] == "apps/v1")
        }
    }

    @Test("health and version answer without credentials; discovery does not")
    func publicEndpoints() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let health = try await http.send(.GET, "/healthz", anonymous: true)
            #expect(health.code == 200)
            #expect(health.text == "ok")
            let verbose = try await http.send(.GET, "/readyz?verbose", anonymous: true)
            #expect(verbose.text.contains("readyz check passed"))
            let version = try await http.send(.GET, "/version", anonymous: true)
            #expect(version.json["gitVersion"]?.stringValue == KubeSimVersion.gitVersion)
            let discovery = try await http.send(.GET, "/api", anonymous: true)
            #expect(discovery.code == 401)
            #expect(discovery.json["reason"] == "Unauthorized")
        }
    }

    @Test("unknown paths and resources answer 404 Status")
    func unknownPaths() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let unknown = try await http.send(.GET, "/api/v1/widgets")
            #expect(unknown.code == 404)
            #expect(unknown.json["kind"] == "Status")
            #expect(unknown.json["message"] == "the server could not find the requested resource")
            let group = try await http.send(.GET, "/apis/nothing.example.com/v1")
            #expect(group.code == 404)
        }
    }
}

@Suite("Resource paths")
struct ResourcePathTests {
    static func parse(_ path: String) -> ResourcePath? {
        guard case .resource(let parsed) = ResourcePath.parse(path.split(separator: "/").map(String.init)) else { return nil }
        return parsed
    }

    @Test("namespaced, cluster-scoped, subresource and watch paths split into their parts")
    func shapes() throws {
        let pod = try #require(Self.parse("/api/v1/namespaces/shop/pods/web/status"))
        #expect(pod.namespace == "shop")
        #expect(pod.resource == "pods")
        #expect(pod.name == "web")
        #expect(pod.subresource == "status")

        let namespace = try #require(Self.parse("/api/v1/namespaces/shop/finalize"))
        #expect(namespace.namespace == nil)
        #expect(namespace.resource == "namespaces")
        #expect(namespace.name == "shop")
        #expect(namespace.subresource == "finalize")

        let deployments = try #require(Self.parse("/apis/apps/v1/namespaces/shop/deployments"))
        #expect(deployments.group == "apps")
        #expect(deployments.namespace == "shop")
        #expect(deployments.name == nil)

        let watch = try #require(Self.parse("/api/v1/watch/namespaces/shop/configmaps"))
        #expect(watch.isWatchPrefix)
        #expect(watch.resource == "configmaps")

        #expect(Self.parse("/api/v1/namespaces/shop/pods/web/status/extra") == nil)
        #expect(ResourcePath.parse(["apis", "apps", "v1"]) == .groupVersion(group: "apps", version: "v1"))
    }
}
