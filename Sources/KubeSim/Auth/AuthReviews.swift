public import KubeCore

/// The authentication and authorization review APIs, as pure functions of the parsed request
/// body and the requesting user: the server routes the POST here and writes the returned
/// object (HTTP 201).
///
/// Covers `kubectl auth can-i` (SelfSubjectAccessReview, `--list` = SelfSubjectRulesReview),
/// `kubectl auth whoami` (SelfSubjectReview), SubjectAccessReview, LocalSubjectAccessReview,
/// TokenReview and TokenRequest (`kubectl create token`, in `Auth+TokenRequest.swift`).
public struct AuthReviews: Sendable {
    /// Group and version of access reviews.
    public static let authorizationAPIVersion = "authorization.k8s.io/v1"
    /// Group and version of token and identity reviews.
    public static let authenticationAPIVersion = "authentication.k8s.io/v1"

    let authenticator: Authenticator
    let authorizer: RBACAuthorizer

    /// Creates the handlers over a cluster's authenticator and authorizer.
    public init(authenticator: Authenticator, authorizer: RBACAuthorizer) {
        self.authenticator = authenticator
        self.authorizer = authorizer
    }

    /// Answers whether the requesting user may do what `spec.resourceAttributes` or
    /// `spec.nonResourceAttributes` describe.
    public func selfSubjectAccessReview(_ review: KubeObject, user: UserInfo) throws(KubeAPIError) -> KubeObject {
        try answerAccessReview(review, kind: "SelfSubjectAccessReview", user: user)
    }

    /// Answers an access question for the user in `spec.user`, `spec.groups`, `spec.uid`.
    public func subjectAccessReview(_ review: KubeObject) throws(KubeAPIError) -> KubeObject {
        try answerAccessReview(review, kind: "SubjectAccessReview", user: Self.subject(of: review))
    }

    /// A SubjectAccessReview confined to `namespace` (the URL's); the attributes must name it.
    public func localSubjectAccessReview(_ review: KubeObject, namespace: String) throws(KubeAPIError) -> KubeObject {
        let requested = review[path: "spec", "resourceAttributes", "namespace"]?.stringValue ?? ""
        guard review[path: "spec", "resourceAttributes"] != nil, requested == namespace else {
            throw Self.invalid(
                "LocalSubjectAccessReview", field: "spec.resourceAttributes.namespace",
                message: "must match metadata.namespace \"\(namespace)\"")
        }
        var answered = try answerAccessReview(review, kind: "LocalSubjectAccessReview", user: Self.subject(of: review))
        answered.namespace = namespace
        return answered
    }

    /// Lists what the requesting user may do in `spec.namespace` (`kubectl auth can-i --list`).
    public func selfSubjectRulesReview(_ review: KubeObject, user: UserInfo) throws(KubeAPIError) -> KubeObject {
        let namespace = review[path: "spec", "namespace"]?.stringValue ?? ""
        let rules = authorizer.rules(for: user, namespace: namespace)
        var answered = Self.response(to: review, kind: "SelfSubjectRulesReview", apiVersion: Self.authorizationAPIVersion)
        answered.status = [
            "resourceRules": .array(rules.resourceRules.map { rule in
                var json = rule.json
                json["nonResourceURLs"] = nil
                return json
            }),
            "nonResourceRules": .array(rules.nonResourceRules.map { rule in
                ["verbs": .array(rule.verbs.map(JSONValue.string)), "nonResourceURLs": .array(rule.nonResourceURLs.map(JSONValue.string))]
            }),
            "incomplete": false,
        ]
        return answered
    }

    /// Tells the requesting user who the server thinks it is (`kubectl auth whoami`).
    public func selfSubjectReview(_ review: KubeObject = KubeObject(), user: UserInfo) -> KubeObject {
        var answered = Self.response(to: review, kind: "SelfSubjectReview", apiVersion: Self.authenticationAPIVersion)
        answered.status = ["userInfo": Self.userInfoJSON(user)]
        return answered
    }

    /// Says whether `spec.token` is valid, for whom, and for which of `spec.audiences`.
    public func tokenReview(_ review: KubeObject) throws(KubeAPIError) -> KubeObject {
        guard let token = review[path: "spec", "token"]?.stringValue, !token.isEmpty else {
            throw Self.invalid("TokenReview", field: "spec.token", message: "Required value")
        }
        let wanted = review[path: "spec", "audiences"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var answered = Self.response(to: review, kind: "TokenReview", apiVersion: Self.authenticationAPIVersion)
        guard let (user, audiences) = authenticator.authenticateWithAudiences(token: token) else {
            answered.status = ["authenticated": false, "error": "invalid bearer token"]
            return answered
        }
        let granted = wanted.isEmpty ? audiences : wanted.filter(audiences.contains)
        if !wanted.isEmpty && granted.isEmpty {
            answered.status = ["authenticated": false, "error": .string("token audiences \(audiences) is invalid for the target audiences \(wanted)")]
            return answered
        }
        answered.status = [
            "authenticated": true, "user": Self.userInfoJSON(user), "audiences": .array(granted.map(JSONValue.string)),
        ]
        return answered
    }

    private func answerAccessReview(_ review: KubeObject, kind: String, user: UserInfo) throws(KubeAPIError) -> KubeObject {
        let attributes = try Self.attributes(of: review, kind: kind, user: user)
        let decision = authorizer.authorize(attributes)
        var answered = Self.response(to: review, kind: kind, apiVersion: Self.authorizationAPIVersion)
        var status: JSONObject = ["allowed": .bool(decision.allowed)]
        if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
        answered.status = .object(status)
        return answered
    }
}

extension AuthReviews {
    static func attributes(of review: KubeObject, kind: String, user: UserInfo) throws(KubeAPIError) -> RequestAttributes {
        if let resource = review[path: "spec", "resourceAttributes"], resource.objectValue != nil {
            func field(_ key: String) -> String { resource[key]?.stringValue ?? "" }
            return RequestAttributes(
                user: user, verb: field("verb"), group: field("group"), version: field("version"),
                resource: field("resource"), subresource: field("subresource"), namespace: field("namespace"), name: field("name"))
        }
        if let nonResource = review[path: "spec", "nonResourceAttributes"], nonResource.objectValue != nil {
            return RequestAttributes(user: user, verb: nonResource["verb"]?.stringValue ?? "", nonResourcePath: nonResource["path"]?.stringValue ?? "")
        }
        throw invalid(kind, field: "spec.resourceAttributes", message: "exactly one of nonResourceAttributes or resourceAttributes must be specified")
    }

    static func subject(of review: KubeObject) throws(KubeAPIError) -> UserInfo {
        let name = review[path: "spec", "user"]?.stringValue ?? ""
        let groups = review[path: "spec", "groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !name.isEmpty || !groups.isEmpty else {
            throw invalid("SubjectAccessReview", field: "spec.user", message: "at least one of user or group must be specified")
        }
        return UserInfo(name: name, uid: review[path: "spec", "uid"]?.stringValue ?? "", groups: groups)
    }

    /// The request echoed back with the right kind and apiVersion, ready for a status.
    static func response(to review: KubeObject, kind: String, apiVersion: String) -> KubeObject {
        var answered = review
        if answered.apiVersion.isEmpty { answered.apiVersion = apiVersion }
        answered.kind = kind
        if answered["metadata"] == nil { answered.metadata = [:] }
        if answered["spec"] == nil { answered.spec = .object([:]) }
        return answered
    }

    static func userInfoJSON(_ user: UserInfo) -> JSONValue {
        var info: JSONObject = ["username": .string(user.name), "groups": .array(user.groups.map(JSONValue.string))]
        if !user.uid.isEmpty { info["uid"] = .string(user.uid) }
        return .object(info)
    }

    static func invalid(_ kind: String, field: String, message: String) -> KubeAPIError {
        let group = kind.hasSuffix("AccessReview") || kind.hasSuffix("RulesReview") ? "authorization.k8s.io" : "authentication.k8s.io"
        return .invalid(kind: kind, group: group, name: "", causes: [KubeAPIError.Cause(reason: "FieldValueInvalid", message: message, field: field)])
    }
}
