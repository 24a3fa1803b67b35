import KubeCore
import KubeSim
import Testing

@Suite("Resource requests")
struct ResourceCRUDTests {
    static let configMap: JSONValue = [
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["mode": "fast"],
    ]

    @Test("create, get, list, update and delete answer kube's status codes")
    func crudStatusCodes() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let created = try await http.send(.POST, "/api/v1/namespaces/default/configmaps", json: Self.configMap)
            #expect(created.code == 201)
            #expect(created.json["metadata"]?["namespace"] == "default")
            #expect(created.json["metadata"]?["uid"]?.stringValue?.isEmpty == false)

            let fetched = try await http.send(.GET, "/api/v1/namespaces/default/configmaps/settings")
            #expect(fetched.code == 200)
            #expect(fetched.json["data"]?["mode"] == "fast")
            #expect(fetched.json["apiVersion"] == "v1")

            let list = try await http.send(.GET, "/api/v1/namespaces/default/configmaps")
            #expect(list.json["kind"] == "ConfigMapList")
            #expect(list.json["metadata"]?["resourceVersion"]?.stringValue?.isEmpty == false)
            #expect(list.json["items"]?.arrayValue?.contains { $0["metadata"]?["name"] == "settings" } == true)

            var changed = fetched.json
            changed["data"] = ["mode": "slow"]
            let updated = try await http.send(.PUT, "/api/v1/namespaces/default/configmaps/settings", json: changed)
            #expect(updated.code == 200)
            #expect(updated.json["data"]?["mode"] == "slow")

            let stale = try await http.send(.PUT, "/api/v1/namespaces/default/configmaps/settings", json: changed)
            #expect(stale.code == 409)
            #expect(stale.json["reason"] == "Conflict")

            let deleted = try await http.send(.DELETE, "/api/v1/namespaces/default/configmaps/settings")
            #expect(deleted.code == 200)
            let gone = try await http.send(.GET, "/api/v1/namespaces/default/configmaps/settings")
            #expect(gone.code == 404)
            #expect(gone.json["reason"] == "NotFound")
            #expect(gone.json["message"] == "configmaps \"settings\" not found")
        }
    }

    @Test("a second create of the same name is 409 AlreadyExists")
    func alreadyExists() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            _ = try await http.send(.POST, "/api/v1/namespaces/default/configmaps", json: Self.configMap)
            let again = try await http.send(.POST, "/api/v1/namespaces/default/configmaps", json: Self.configMap)
            #expect(again.code == 409)
            #expect(again.json["reason"] == "AlreadyExists")
            #expect(again.json["details"]?["name"] == "settings")
        }
    }

    @Test("malformed JSON and mismatched kinds are 400; invalid names 422; nothing is written")
    func badBodies() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let malformed = try await http.send(.POST, "/api/v1/namespaces/default/configmaps", body: "{\"kind\": ")
            #expect(malformed.code == 400)
            #expect(malformed.json["kind"] == "Status")

            var secret = Self.configMap
            secret["kind"] = "Secret"
            let mismatched = try await http.send(.POST, "/api/v1/namespaces/default/configmaps", json: secret)
            #expect(mismatched.code == 400)

            var invalid = Self.configMap
            invalid["metadata"] = ["name": "Not_Valid"]
            let rejected = try await http.send(.POST, "/api/v1/namespaces/default/configmaps", json: invalid)
            #expect(rejected.code == 422)
            #expect(rejected.json["reason"] == "Invalid")

            let list = try await http.send(.GET, "/api/v1/namespaces/default/configmaps")
            #expect(list.json["items"]?.arrayValue?.contains { $0["metadata"]?["name"] == "Not_Valid" } == false)
        }
    }

    @Test("a wrong token is 401; a service account without rights is 403 with kube's message")
    func authenticationAndAuthorization() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let wrong = try await http.send(.GET, "/api/v1/namespaces", token: "not-a-token")
            #expect(wrong.code == 401)
            #expect(wrong.json["reason"] == "Unauthorized")

            let account: JSONValue = ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "robot"]]
            #expect(try await http.send(.POST, "/api/v1/namespaces/default/serviceaccounts", json: account).code == 201)
            let tokenRequest: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": .object([:])]
            let issued = try await http.send(.POST, "/api/v1/namespaces/default/serviceaccounts/robot/token", json: tokenRequest)
            #expect(issued.code == 201)
            let token = try #require(issued.json["status"]?["token"]?.stringValue)

            let denied = try await http.send(.GET, "/api/v1/namespaces/kube-system/secrets", token: token)
            #expect(denied.code == 403)
            #expect(denied.json["reason"] == "Forbidden")
            #expect(denied.json["message"] == "secrets is forbidden: User \"system:serviceaccount:default:robot\" cannot list resource \"secrets\" in API group \"\" in the namespace \"kube-system\"")

            let whoami: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"]
            let review = try await http.send(.POST, "/apis/authentication.k8s.io/v1/selfsubjectreviews", json: whoami, token: token)
            #expect(review.code == 201)
            #expect(review.json["status"]?["userInfo"]?["username"] == "system:serviceaccount:default:robot")
        }
    }

    @Test("unsupported verbs are 405 and oversized bodies 413")
    func verbsAndLimits() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let put = try await http.send(.PUT, "/api/v1/namespaces/default/configmaps", json: Self.configMap)
            #expect(put.code == 405)
            let huge = String(repeating: "x", count: 3 * 1024 * 1024 + 10)
            let tooLarge = try await http.send(.POST, "/api/v1/namespaces/default/configmaps", body: huge)
            #expect(tooLarge.code == 413)
        }
    }
}
