import Foundation
import KubeCore
import Testing

/// Real kubectl and the simulator's authentication and RBAC: can-i, create token, whoami.
@Suite("kubectl conformance: authentication and authorization", .serialized, .timeLimit(.minutes(5)), .enabled(if: KubectlHarness.kubectlAvailable, "kubectl is not on PATH"))
struct KubectlAuthTests {
    /// A service account `reader` in `team` allowed to read pods and config maps there.
    static let restrictedAccount = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: reader
          namespace: team
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: read-pods-and-config
          namespace: team
        rules:
          - apiGroups: [""]
            resources: ["pods", "configmaps"]
            verbs: ["get", "list", "watch"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: reader
          namespace: team
        subjects:
          - kind: ServiceAccount
            name: reader
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: read-pods-and-config
        """

    static func readerToken(_ kube: KubectlHarness) async throws -> String {
        try await kube.apply(restrictedAccount)
        return try await kube.succeed("create", "token", "reader", "-n", "team").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("kubectl auth can-i answers yes for the admin")
    func canIAsAdmin() async throws {
        try await KubectlHarness.withClusters { kube in
            let answer = try await kube.kubectl("auth", "can-i", "create", "deployments", "-n", "default")
            #expect(answer.succeeded)
            #expect(answer.output.trimmingCharacters(in: .whitespacesAndNewlines) == "yes")
            let everything = try await kube.kubectl("auth", "can-i", "*", "*", "--all-namespaces")
            #expect(everything.output.trimmingCharacters(in: .whitespacesAndNewlines) == "yes", "\(everything)")
        }
    }

    @Test("kubectl auth can-i answers per Role for a service account's token")
    func canIAsServiceAccount() async throws {
        try await KubectlHarness.withClusters { kube in
            let token = try await Self.readerToken(kube)
            func canI(_ arguments: String...) async throws -> String {
                let result = try await kube.kubectl(["--token", token, "auth", "can-i"] + arguments)
                return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(try await canI("list", "pods", "-n", "team") == "yes")
            #expect(try await canI("get", "configmaps", "-n", "team") == "yes")
            #expect(try await canI("delete", "pods", "-n", "team") == "no")
            #expect(try await canI("list", "secrets", "-n", "team") == "no")
            #expect(try await canI("list", "pods", "-n", "default") == "no")
            #expect(try await canI("get", "/version") == "yes", "every authenticated user may discover")

            let list = try await kube.kubectl("--token", token, "auth", "can-i", "--list", "-n", "team")
            #expect(list.succeeded, "\(list)")
            let podRow = list.output.split(separator: "\n").first { $0.hasPrefix("pods ") || $0.hasPrefix("configmaps ") }
            #expect(podRow?.contains("[get list watch]") == true, "\(list.output)")
        }
    }

    @Test("a restricted token can do what its Role allows and gets Forbidden naming verb, resource and namespace otherwise")
    func restrictedTokenRequests() async throws {
        try await KubectlHarness.withClusters { kube in
            let token = try await Self.readerToken(kube)
            try await kube.succeed("create", "configmap", "visible", "-n", "team", "--from-literal=a=b")
            let allowed = try await kube.kubectl("--token", token, "get", "configmaps", "-n", "team", "-o", "name")
            #expect(allowed.succeeded, "\(allowed)")
            #expect(allowed.output.contains("configmap/visible"))

            let forbidden = try await kube.kubectl("--token", token, "get", "secrets", "-n", "team")
            #expect(!forbidden.succeeded)
            #expect(forbidden.errorOutput.contains("Forbidden") || forbidden.errorOutput.contains("forbidden"), "\(forbidden)")
            #expect(forbidden.errorOutput.contains(#"User "system:serviceaccount:team:reader" cannot list resource "secrets" in API group "" in the namespace "team""#), "\(forbidden)")

            let writeForbidden = try await kube.kubectl("--token", token, "delete", "configmap", "visible", "-n", "team")
            #expect(!writeForbidden.succeeded)
            #expect(writeForbidden.errorOutput.contains(#"cannot delete resource "configmaps""#), "\(writeForbidden)")
        }
    }

    @Test("kubectl create token mints a JWT for the service account, honouring --duration")
    func createToken() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.apply(Self.restrictedAccount)
            let token = try await kube.succeed("create", "token", "reader", "-n", "team", "--duration=2h").trimmingCharacters(in: .whitespacesAndNewlines)
            let parts = token.split(separator: ".")
            try #require(parts.count == 3, "not a JWT: \(token)")
            var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
            let claims = try JSONValue(parsing: Array(try #require(Data(base64Encoded: payload))))
            #expect(claims["sub"]?.stringValue == "system:serviceaccount:team:reader")
            let lifetime = (claims["exp"]?.intValue ?? 0) - (claims["iat"]?.intValue ?? 0)
            #expect(lifetime == 7200)

            let whoami = try await kube.json("--token", token, "auth", "whoami")
            #expect(whoami[path: ["status", "userInfo", "username"]]?.stringValue == "system:serviceaccount:team:reader")
            #expect(whoami[path: ["status", "userInfo", "groups"]]?.arrayValue?.contains("system:serviceaccounts:team") == true)

            let missing = try await kube.kubectl("create", "token", "ghost", "-n", "team")
            #expect(!missing.succeeded)
            #expect(missing.errorOutput.contains("not found"), "\(missing)")
        }
    }

    @Test("a token stops working when its service account is deleted")
    func tokenOfDeletedAccount() async throws {
        try await KubectlHarness.withClusters { kube in
            let token = try await Self.readerToken(kube)
            #expect((try await kube.kubectl("--token", token, "get", "pods", "-n", "team")).succeeded)
            try await kube.succeed("delete", "serviceaccount", "reader", "-n", "team")
            let rejected = try await kube.kubectl("--token", token, "get", "pods", "-n", "team")
            #expect(!rejected.succeeded)
            #expect(rejected.errorOutput.contains("You must be logged in to the server"), "\(rejected)")
        }
    }

    @Test("a service-account token Secret is filled with a token that authenticates as the account")
    func legacyTokenSecret() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.apply(Self.restrictedAccount)
            try await kube.apply("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: reader-token
                  namespace: team
                  annotations:
                    kubernetes.io/service-account.name: reader
                type: kubernetes.io/service-account-token
                """)
            var encoded: String?
            let filled = try await kube.eventually(timeoutSeconds: 15) {
                encoded = try await kube.json("get", "secret", "reader-token", "-n", "team")[path: ["data", "token"]]?.stringValue
                return encoded != nil
            }
            try #require(filled, "the token controller never filled data.token of a kubernetes.io/service-account-token Secret")
            let token = String(decoding: try #require(Data(base64Encoded: encoded ?? "")), as: UTF8.self)
            let whoami = try await kube.json("--token", token, "auth", "whoami")
            #expect(whoami[path: ["status", "userInfo", "username"]]?.stringValue == "system:serviceaccount:team:reader")
        }
    }

    @Test("kubectl auth whoami names the admin")
    func whoAmIAdmin() async throws {
        try await KubectlHarness.withClusters { kube in
            let whoami = try await kube.json("auth", "whoami")
            #expect(whoami[path: ["status", "userInfo", "username"]]?.stringValue == "kubernetes-admin")
            #expect(whoami[path: ["status", "userInfo", "groups"]]?.arrayValue?.contains("system:masters") == true)
        }
    }

    @Test("a wrong token is Unauthorized")
    func wrongToken() async throws {
        try await KubectlHarness.withClusters { kube in
            let result = try await kube.kubectl("--token", "not-a-valid-token", "get", "pods")
            #expect(!result.succeeded)
            // kubectl words a 401 during discovery as "asked for the client to provide credentials".
            #expect(result.errorOutput.contains("You must be logged in to the server"), "\(result)")
            #expect(result.errorOutput.contains("Unauthorized") || result.errorOutput.contains("provide credentials"), "\(result)")
            let raw = try await kube.kubectl("--token", "not-a-valid-token", "get", "--raw", "/api/v1/namespaces")
            #expect(!raw.succeeded)
            #expect(raw.errorOutput.contains("Unauthorized"), "\(raw)")
        }
    }
}
