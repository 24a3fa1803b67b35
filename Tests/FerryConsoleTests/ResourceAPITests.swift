import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Console API resources")
struct ResourceAPITests {
    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")

    @Test("creating a remote cluster and a plan through the API creates the MigCluster, its token Secret and the MigPlan", .timeLimit(.minutes(1)))
    func createClusterAndPlan() async throws {
        try await ConsoleWorld.run { world in
            let admin = ConsoleWorld.Credentials.bearer(world.cluster.adminToken)
            let host = try await world.call(.POST, "/api/clusters", json: ["name": "host", "isHostCluster": true], as: admin)
            #expect(host.status == 201)
            let remote: JSONValue = [
                "name": "source", "url": "https://source.example.com:6443", "token": "remote-token", "insecure": true,
                "exposedRegistryPath": "registry.source.example.com",
            ]
            let created = try await world.call(.POST, "/api/clusters", json: remote, as: admin)
            #expect(created.status == 201)
            #expect(created.json?["ready"]?["status"]?.stringValue == "Unknown")

            let cluster = try MigCluster(object: try await world.admin.get(MigCluster.resourceType.resource, name: "source", namespace: ConsoleWorld.namespace))
            #expect(cluster.spec.url == "https://source.example.com:6443")
            #expect(cluster.spec.insecure == true)
            #expect(cluster.spec.exposedRegistryPath == "registry.source.example.com")
            let reference = try #require(cluster.spec.serviceAccountSecretRef)
            let secret = try await world.admin.get(Self.secrets, name: reference.name ?? "", namespace: reference.namespace)
            let token = try #require(secret["data"]?["saToken"]?.stringValue)
            #expect(Data(base64Encoded: token) == Data("remote-token".utf8))

            let plan: JSONValue = [
                "name": "shop", "sourceCluster": "source", "destinationCluster": "host", "migrationType": "full",
                "namespaces": [["source": "shop"], ["source": "db", "destination": "db-new"]],
            ]
            let madePlan = try await world.call(.POST, "/api/plans", json: plan, as: admin)
            #expect(madePlan.status == 201)
            let stored = try MigPlan(object: try await world.admin.get(MigPlan.resourceType.resource, name: "shop", namespace: ConsoleWorld.namespace))
            #expect(stored.spec.namespaces == ["shop", "db:db-new"])
            #expect(stored.spec.srcMigClusterRef?.name == "source")
            #expect(stored.spec.destMigClusterRef?.name == "host")

            let listed = try await world.call(.GET, "/api/plans", as: admin)
            #expect(listed.json?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["shop"])
            let again = try await world.call(.POST, "/api/plans", json: plan, as: admin)
            #expect(again.status == 409)
        }
    }

    @Test("a half-filled plan form gets 422 with a message per field and creates nothing", .timeLimit(.minutes(1)))
    func invalidPlanIsRefused() async throws {
        try await ConsoleWorld.run { world in
            let admin = ConsoleWorld.Credentials.bearer(world.cluster.adminToken)
            let form: JSONValue = ["name": "Bad_Name", "sourceCluster": "source", "namespaces": [["source": "UPPER"]]]
            let answer = try await world.call(.POST, "/api/plans", json: form, as: admin)
            #expect(answer.status == 422)
            let fields = try #require(answer.json?["fields"])
            #expect(fields["name"]?.stringValue?.contains("not a valid name") == true)
            #expect(fields["destinationCluster"] != nil)
            #expect(fields["namespaces[0].source"] != nil)

            let unknownCluster: JSONValue = ["name": "ok", "sourceCluster": "nowhere", "destinationCluster": "nowhere", "namespaces": [["source": "shop"]]]
            let missing = try await world.call(.POST, "/api/plans", json: unknownCluster, as: admin)
            #expect(missing.status == 422)
            #expect(missing.json?["fields"]?["sourceCluster"]?.stringValue?.contains("no cluster") == true)

            let cluster = try await world.call(.POST, "/api/clusters", json: ["name": "remote", "url": "ftp://x"], as: admin)
            #expect(cluster.status == 422)
            #expect(cluster.json?["fields"]?["url"] != nil)
            #expect(cluster.json?["fields"]?["token"] != nil)

            #expect(try await world.admin.listAll(MigPlan.resourceType.resource, namespace: ConsoleWorld.namespace).items.isEmpty)
            #expect(try await world.admin.listAll(MigCluster.resourceType.resource, namespace: ConsoleWorld.namespace).items.isEmpty)
        }
    }

    @Test("a user bound to one namespace gets 403 naming the resource on clusters and sees only that namespace", .timeLimit(.minutes(1)))
    func restrictedUserSeesOnlyWhatRBACAllows() async throws {
        try await ConsoleWorld.run { world in
            let token = try await world.restrictedUser("dev", namespace: "team-a")
            _ = try await world.admin.create(
                GroupVersionResource(group: "", version: "v1", resource: "namespaces"), KubeObject(apiVersion: "v1", kind: "Namespace", name: "team-b"))
            let signIn = try await world.call(.POST, "/api/session", json: ["token": .string(token)])
            #expect(signIn.status == 201)
            #expect(signIn.json?["user"]?.stringValue == "system:serviceaccount:team-a:dev")

            let clusters = try await world.call(.GET, "/api/clusters", as: .bearer(token))
            #expect(clusters.status == 403)
            #expect(clusters.json?["message"]?.stringValue?.contains("migclusters") == true)
            let create = try await world.call(.POST, "/api/plans", json: ["name": "p"], as: .bearer(token))
            #expect(create.status == 422 || create.status == 403)

            let namespaces = try await world.call(.GET, "/api/namespaces", as: .bearer(token))
            #expect(namespaces.status == 200)
            #expect(namespaces.json?.arrayValue?.compactMap(\.stringValue) == ["team-a"])

            let adminNamespaces = try await world.call(.GET, "/api/namespaces", as: .bearer(world.cluster.adminToken))
            #expect(adminNamespaces.json?.arrayValue?.compactMap(\.stringValue).contains("team-b") == true)
        }
    }
}
