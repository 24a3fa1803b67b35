import Foundation
import KubeCore
import KubeSimAuth
import Testing

@Suite("authentication")
struct AuthenticatorTests {
    @Test("the admin token is kubernetes-admin in system:masters; a static token is its user; others are nobody")
    func staticTokens() throws {
        let cluster = try AuthTestCluster()
        let admin = try #require(cluster.authenticator.authenticate(token: AuthTestCluster.adminToken))
        #expect(admin.name == "kubernetes-admin")
        #expect(admin.groups == ["system:masters", "system:authenticated"])
        #expect(cluster.authenticator.authenticate(token: AuthTestCluster.restrictedToken) == AuthTestCluster.restrictedUser)
        #expect(cluster.authenticator.authenticate(token: "wrong") == nil)
        #expect(cluster.authenticator.authenticate(token: "") == nil)
    }

    @Test("an issued token authenticates as its service account until the account is deleted")
    func serviceAccountLifecycle() throws {
        let cluster = try AuthTestCluster()
        let account = try cluster.createServiceAccount("builder")
        let uid = try #require(account.uid)
        let issued = cluster.authenticator.issueServiceAccountToken(namespace: "app", name: "builder", uid: uid)
        let user = try #require(cluster.authenticator.authenticate(token: issued.token))
        #expect(user.name == "system:serviceaccount:app:builder")
        #expect(user.uid == uid)
        #expect(user.groups == ["system:serviceaccounts", "system:serviceaccounts:app", "system:authenticated"])

        try cluster.delete("serviceaccounts", namespace: "app", name: "builder")
        #expect(cluster.authenticator.authenticate(token: issued.token) == nil)

        try cluster.createServiceAccount("builder")
        #expect(cluster.authenticator.authenticate(token: issued.token) == nil, "a new account of the same name has a new uid")
    }

    @Test("an expired token is rejected")
    func expiredToken() throws {
        let cluster = try AuthTestCluster()
        let uid = try #require(try cluster.createServiceAccount("builder").uid)
        let issued = cluster.authenticator.issueServiceAccountToken(
            namespace: "app", name: "builder", uid: uid, expirationSeconds: 600, issuedAt: Date().addingTimeInterval(-601))
        #expect(issued.expiration < Date())
        #expect(cluster.authenticator.authenticate(token: issued.token) == nil)
    }

    @Test("a tampered token, or one signed by another cluster, is rejected")
    func tamperedToken() throws {
        let cluster = try AuthTestCluster()
        let other = try AuthTestCluster()
        let uid = try #require(try cluster.createServiceAccount("builder").uid)
        let issued = cluster.authenticator.issueServiceAccountToken(namespace: "app", name: "builder", uid: uid)
        var bytes = Array(issued.token.utf8)
        let middle = bytes.firstIndex(of: UInt8(ascii: "."))! + 5
        bytes[middle] = bytes[middle] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(cluster.authenticator.authenticate(token: String(decoding: bytes, as: UTF8.self)) == nil)
        #expect(other.authenticator.authenticate(token: issued.token) == nil)
    }

    @Test("a legacy token Secret authenticates while it and its account exist")
    func legacySecretToken() throws {
        let cluster = try AuthTestCluster()
        let uid = try #require(try cluster.createServiceAccount("legacy").uid)
        let token = cluster.authenticator.legacyServiceAccountToken(namespace: "app", serviceAccountName: "legacy", serviceAccountUID: uid, secretName: "legacy-token")
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "legacy-token", namespace: "app")
        secret["type"] = .string(Authenticator.serviceAccountTokenSecretType)
        secret.annotations = ["kubernetes.io/service-account.name": "legacy", "kubernetes.io/service-account.uid": uid]
        secret["data"] = ["token": .string(Data(token.utf8).base64EncodedString())]
        #expect(cluster.authenticator.authenticate(token: token) == nil, "no Secret holds it yet")
        try cluster.create("secrets", secret)
        #expect(cluster.authenticator.authenticate(token: token)?.name == "system:serviceaccount:app:legacy")
        try cluster.delete("secrets", namespace: "app", name: "legacy-token")
        #expect(cluster.authenticator.authenticate(token: token) == nil)
    }

    @Test("a token written into a token Secret by hand authenticates as the Secret's account")
    func handWrittenSecretToken() throws {
        let cluster = try AuthTestCluster()
        try cluster.createServiceAccount("robot")
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "robot-token", namespace: "app")
        secret["type"] = .string(Authenticator.serviceAccountTokenSecretType)
        secret.annotations = ["kubernetes.io/service-account.name": "robot"]
        secret["data"] = ["token": .string(Data("opaque-robot-token".utf8).base64EncodedString())]
        try cluster.create("secrets", secret)
        #expect(cluster.authenticator.authenticate(token: "opaque-robot-token")?.name == "system:serviceaccount:app:robot")
        try cluster.delete("serviceaccounts", namespace: "app", name: "robot")
        #expect(cluster.authenticator.authenticate(token: "opaque-robot-token") == nil)
    }
}
