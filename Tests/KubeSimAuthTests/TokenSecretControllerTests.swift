import Foundation
import KubeCore
import KubeSimAuth
import Logging
import Testing

@Suite("token Secret controller")
struct TokenSecretControllerTests {
    func tokenSecret(account: String) -> KubeObject {
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "\(account)-token", namespace: "app")
        secret["type"] = .string(Authenticator.serviceAccountTokenSecretType)
        secret.annotations = ["kubernetes.io/service-account.name": account]
        return secret
    }

    @Test("a token Secret of an existing account is filled with a token that authenticates as the account")
    func fillsTokenSecret() throws {
        let cluster = try AuthTestCluster()
        let uid = try #require(try cluster.createServiceAccount("builder").uid)
        let created = try cluster.create("secrets", tokenSecret(account: "builder"))
        let controller = TokenSecretController(store: cluster.store, authenticator: cluster.authenticator, caCertificatePEM: "CA", logger: Logger(label: "test"))
        controller.fill(created, definition: try cluster.definition("secrets"))

        let filled = try cluster.store.get(cluster.definition("secrets"), namespace: "app", name: "builder-token")
        let encoded = try #require(filled[path: "data", "token"]?.stringValue)
        let token = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
        #expect(filled.annotations["kubernetes.io/service-account.uid"] == uid)
        #expect(filled[path: "data", "ca.crt"]?.stringValue == Data("CA".utf8).base64EncodedString())
        #expect(cluster.authenticator.authenticate(token: token)?.name == "system:serviceaccount:app:builder")

        try cluster.delete("secrets", namespace: "app", name: "builder-token")
        #expect(cluster.authenticator.authenticate(token: token) == nil, "the token dies with its Secret")
    }

    @Test("a token Secret naming a missing account, or another Secret type, is left alone")
    func leavesOthersAlone() throws {
        let cluster = try AuthTestCluster()
        let controller = TokenSecretController(store: cluster.store, authenticator: cluster.authenticator, logger: Logger(label: "test"))
        let orphan = try cluster.create("secrets", tokenSecret(account: "ghost"))
        controller.fill(orphan, definition: try cluster.definition("secrets"))
        #expect(try cluster.store.get(cluster.definition("secrets"), namespace: "app", name: "ghost-token")[path: "data", "token"] == nil)

        try cluster.createServiceAccount("builder")
        var opaque = tokenSecret(account: "builder")
        opaque["type"] = "Opaque"
        let created = try cluster.create("secrets", opaque)
        controller.fill(created, definition: try cluster.definition("secrets"))
        #expect(try cluster.store.get(cluster.definition("secrets"), namespace: "app", name: "builder-token")[path: "data", "token"] == nil)
    }
}
