import Foundation
import KubeCore
import KubeSimAuth
import Testing

@Suite("review APIs")
struct AuthReviewsTests {
    typealias F = RBACFixtures

    func accessReview(verb: String, resource: String, namespace: String) -> KubeObject {
        var review = KubeObject(["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview"])
        review.spec = ["resourceAttributes": ["verb": .string(verb), "resource": .string(resource), "namespace": .string(namespace)]]
        return review
    }

    @Test("SelfSubjectAccessReview answers yes for the admin and no for a user without a grant")
    func selfSubjectAccessReview() throws {
        let cluster = try AuthTestCluster()
        let admin = Authenticator.adminUser
        let yes = try cluster.reviews.selfSubjectAccessReview(accessReview(verb: "delete", resource: "pods", namespace: "app"), user: admin)
        #expect(yes.status?["allowed"]?.boolValue == true)
        #expect(yes.kind == "SelfSubjectAccessReview")
        let no = try cluster.reviews.selfSubjectAccessReview(accessReview(verb: "delete", resource: "pods", namespace: "app"), user: AuthTestCluster.restrictedUser)
        #expect(no.status?["allowed"]?.boolValue == false)
        #expect(no.spec?["resourceAttributes"]?["verb"]?.stringValue == "delete", "the spec is echoed")
    }

    @Test("an access review without attributes is invalid")
    func accessReviewWithoutAttributes() throws {
        let cluster = try AuthTestCluster()
        #expect(throws: KubeAPIError.self) {
            try cluster.reviews.selfSubjectAccessReview(KubeObject(["spec": [:]]), user: Authenticator.adminUser)
        }
    }

    @Test("SubjectAccessReview and LocalSubjectAccessReview judge the named subject")
    func subjectAccessReviews() throws {
        let cluster = try AuthTestCluster()
        try cluster.createRBAC(F.binding("view", namespace: "app", role: "view", subjects: [F.user("viewer")]))
        var review = accessReview(verb: "list", resource: "pods", namespace: "app")
        review.kind = "SubjectAccessReview"
        review[path: "spec", "user"] = "viewer"
        #expect(try cluster.reviews.subjectAccessReview(review).status?["allowed"]?.boolValue == true)
        #expect(try cluster.reviews.localSubjectAccessReview(review, namespace: "app").status?["allowed"]?.boolValue == true)
        #expect(throws: KubeAPIError.self) { try cluster.reviews.localSubjectAccessReview(review, namespace: "other") }
        review[path: "spec", "user"] = "stranger"
        #expect(try cluster.reviews.subjectAccessReview(review).status?["allowed"]?.boolValue == false)
    }

    @Test("SelfSubjectRulesReview lists the user's rules in the namespace")
    func rulesReview() throws {
        let cluster = try AuthTestCluster()
        try cluster.createRBAC(F.role("reader", namespace: "app", rules: [F.podReader]))
        try cluster.createRBAC(F.binding("read", namespace: "app", roleKind: "Role", role: "reader", subjects: [F.user("restricted")]))
        let review = KubeObject(["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview", "spec": ["namespace": "app"]])
        let answered = try cluster.reviews.selfSubjectRulesReview(review, user: AuthTestCluster.restrictedUser)
        let resourceRules = try #require(answered.status?["resourceRules"]?.arrayValue)
        #expect(resourceRules.contains { PolicyRule(json: $0) == F.podReader })
        #expect(answered.status?["nonResourceRules"]?.arrayValue?.isEmpty == false)
        #expect(answered.status?["incomplete"]?.boolValue == false)
    }

    @Test("SelfSubjectReview reports the requesting user")
    func whoAmI() throws {
        let cluster = try AuthTestCluster()
        let answered = cluster.reviews.selfSubjectReview(user: Authenticator.adminUser)
        #expect(answered.apiVersion == "authentication.k8s.io/v1")
        #expect(answered.status?["userInfo"]?["username"]?.stringValue == "kubernetes-admin")
        #expect(answered.status?["userInfo"]?["groups"]?.arrayValue?.contains("system:masters") == true)
    }

    @Test("TokenRequest issues a token that TokenReview accepts, for the requested audiences")
    func tokenRequestAndReview() throws {
        let cluster = try AuthTestCluster()
        try cluster.createServiceAccount("builder")
        let request = KubeObject(["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": ["expirationSeconds": 7200]])
        let answered = try cluster.reviews.tokenRequest(request, namespace: "app", serviceAccount: "builder")
        let token = try #require(answered.status?["token"]?.stringValue)
        let expiry = try #require(answered.status?["expirationTimestamp"]?.stringValue)
        #expect(expiry.hasSuffix("Z"))
        let expiryDate = try #require(try? Date(expiry, strategy: .iso8601))
        #expect(abs(expiryDate.timeIntervalSinceNow - 7200) < 120)

        let review = KubeObject(["apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": ["token": .string(token)]])
        let reviewed = try cluster.reviews.tokenReview(review)
        #expect(reviewed.status?["authenticated"]?.boolValue == true)
        #expect(reviewed.status?["user"]?["username"]?.stringValue == "system:serviceaccount:app:builder")

        var wrongAudience = review
        wrongAudience[path: "spec", "audiences"] = ["vault"]
        #expect(try cluster.reviews.tokenReview(wrongAudience).status?["authenticated"]?.boolValue == false)
        var bogus = review
        bogus[path: "spec", "token"] = "bogus"
        #expect(try cluster.reviews.tokenReview(bogus).status?["authenticated"]?.boolValue == false)
    }

    @Test("TokenRequest for a missing service account is 404; a too-short lifetime is invalid")
    func tokenRequestErrors() throws {
        let cluster = try AuthTestCluster()
        let request = KubeObject(["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": [:]])
        #expect {
            try cluster.reviews.tokenRequest(request, namespace: "app", serviceAccount: "ghost")
        } throws: { error in
            (error as? KubeAPIError)?.code == 404
        }
        try cluster.createServiceAccount("builder")
        let short = KubeObject(["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": ["expirationSeconds": 60]])
        #expect {
            try cluster.reviews.tokenRequest(short, namespace: "app", serviceAccount: "builder")
        } throws: { error in
            (error as? KubeAPIError)?.code == 422
        }
    }
}
