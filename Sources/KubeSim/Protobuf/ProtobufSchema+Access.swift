extension ProtobufSchema {
    /// `k8s.io/api/rbac/v1`.
    static let rbacMessages: [ProtobufMessage] = [
        ProtobufMessage("Role", [message(1, "metadata", "ObjectMeta"), messages(2, "rules", "PolicyRule")]),
        ProtobufMessage("ClusterRole", [
            message(1, "metadata", "ObjectMeta"), messages(2, "rules", "PolicyRule"),
            message(3, "aggregationRule", "AggregationRule"),
        ]),
        ProtobufMessage("RoleBinding", [
            message(1, "metadata", "ObjectMeta"), messages(2, "subjects", "Subject"), message(3, "roleRef", "RoleRef"),
        ]),
        ProtobufMessage("ClusterRoleBinding", [
            message(1, "metadata", "ObjectMeta"), messages(2, "subjects", "Subject"), message(3, "roleRef", "RoleRef"),
        ]),
        ProtobufMessage("PolicyRule", [
            strings(1, "verbs"), strings(2, "apiGroups"), strings(3, "resources"), strings(4, "resourceNames"),
            strings(5, "nonResourceURLs"),
        ]),
        ProtobufMessage("AggregationRule", [messages(1, "clusterRoleSelectors", "LabelSelector")]),
        ProtobufMessage("RoleRef", [
            field(1, "apiGroup", .string, keepsZero: true), field(2, "kind", .string, keepsZero: true),
            field(3, "name", .string, keepsZero: true),
        ]),
        ProtobufMessage("Subject", [
            string(1, "kind"), string(2, "apiGroup"), string(3, "name"), string(4, "namespace"),
        ]),
    ]

    /// `k8s.io/api/authentication/v1` and `k8s.io/api/authorization/v1`.
    static let authMessages: [ProtobufMessage] = [
        ProtobufMessage("TokenRequest", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "TokenRequestSpec"),
            message(3, "status", "TokenRequestStatus"),
        ]),
        ProtobufMessage("TokenRequestSpec", [
            strings(1, "audiences"), int64Ptr(4, "expirationSeconds"), message(3, "boundObjectRef", "BoundObjectReference"),
        ]),
        ProtobufMessage("BoundObjectReference", [
            string(1, "kind"), string(2, "apiVersion"), string(3, "name"), string(4, "uid"),
        ]),
        ProtobufMessage("TokenRequestStatus", [
            field(1, "token", .string, keepsZero: true), time(2, "expirationTimestamp"),
        ]),
        ProtobufMessage("TokenReview", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "TokenReviewSpec"),
            message(3, "status", "TokenReviewStatus"),
        ]),
        ProtobufMessage("TokenReviewSpec", [string(1, "token"), strings(2, "audiences")]),
        ProtobufMessage("TokenReviewStatus", [
            bool(1, "authenticated"), message(2, "user", "UserInfo"), strings(4, "audiences"), string(3, "error"),
        ]),
        ProtobufMessage("UserInfo", [
            string(1, "username"), string(2, "uid"), strings(3, "groups"), map(4, "extra", .stringList),
        ]),
        ProtobufMessage("SelfSubjectReview", [
            message(1, "metadata", "ObjectMeta"), message(2, "status", "SelfSubjectReviewStatus"),
        ]),
        ProtobufMessage("SelfSubjectReviewStatus", [message(1, "userInfo", "UserInfo")]),
        ProtobufMessage("SelfSubjectAccessReview", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "SelfSubjectAccessReviewSpec"),
            message(3, "status", "SubjectAccessReviewStatus"),
        ]),
        ProtobufMessage("SelfSubjectAccessReviewSpec", [
            message(1, "resourceAttributes", "ResourceAttributes"),
            message(2, "nonResourceAttributes", "NonResourceAttributes"),
        ]),
        ProtobufMessage("SubjectAccessReview", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "SubjectAccessReviewSpec"),
            message(3, "status", "SubjectAccessReviewStatus"),
        ]),
        ProtobufMessage("LocalSubjectAccessReview", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "SubjectAccessReviewSpec"),
            message(3, "status", "SubjectAccessReviewStatus"),
        ]),
        ProtobufMessage("SubjectAccessReviewSpec", [
            message(1, "resourceAttributes", "ResourceAttributes"),
            message(2, "nonResourceAttributes", "NonResourceAttributes"), string(3, "user"), strings(4, "groups"),
            map(5, "extra", .stringList), string(6, "uid"),
        ]),
        ProtobufMessage("ResourceAttributes", [
            string(1, "namespace"), string(2, "verb"), string(3, "group"), string(4, "version"),
            string(5, "resource"), string(6, "subresource"), string(7, "name"),
            message(8, "fieldSelector", "FieldSelectorAttributes"), message(9, "labelSelector", "LabelSelectorAttributes"),
        ]),
        ProtobufMessage("FieldSelectorAttributes", [
            string(1, "rawSelector"), messages(2, "requirements", "FieldSelectorRequirement"),
        ]),
        ProtobufMessage("FieldSelectorRequirement", [string(1, "key"), string(2, "operator"), strings(3, "values")]),
        ProtobufMessage("LabelSelectorAttributes", [
            string(1, "rawSelector"), messages(2, "requirements", "LabelSelectorRequirement"),
        ]),
        ProtobufMessage("NonResourceAttributes", [string(1, "path"), string(2, "verb")]),
        ProtobufMessage("SubjectAccessReviewStatus", [
            field(1, "allowed", .bool, keepsZero: true), bool(4, "denied"), string(2, "reason"),
            string(3, "evaluationError"),
        ]),
        ProtobufMessage("SelfSubjectRulesReview", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "SelfSubjectRulesReviewSpec"),
            message(3, "status", "SubjectRulesReviewStatus"),
        ]),
        ProtobufMessage("SelfSubjectRulesReviewSpec", [string(1, "namespace")]),
        ProtobufMessage("SubjectRulesReviewStatus", [
            messages(1, "resourceRules", "ResourceRule"), messages(2, "nonResourceRules", "NonResourceRule"),
            field(3, "incomplete", .bool, keepsZero: true), string(4, "evaluationError"),
        ]),
        ProtobufMessage("ResourceRule", [
            strings(1, "verbs"), strings(2, "apiGroups"), strings(3, "resources"), strings(4, "resourceNames"),
        ]),
        ProtobufMessage("NonResourceRule", [strings(1, "verbs"), strings(2, "nonResourceURLs")]),
    ]
}
