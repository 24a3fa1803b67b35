import KubeSimAuth
import Testing

private let alice = UserInfo(name: "alice")

private func resourceRequest(_ verb: String, _ group: String, _ resource: String, sub: String = "", name: String = "") -> RequestAttributes {
    RequestAttributes(user: alice, verb: verb, group: group, resource: resource, subresource: sub, namespace: "app", name: name)
}

struct RuleCase: Sendable, CustomTestStringConvertible {
    var label: String
    var rule: PolicyRule
    var request: RequestAttributes
    var allowed: Bool
    var testDescription: String { label }
}

private let ruleCases: [RuleCase] = [
    RuleCase(label: "exact verb, group and resource", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"]), request: resourceRequest("get", "", "pods"), allowed: true),
    RuleCase(label: "other verb", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"]), request: resourceRequest("delete", "", "pods"), allowed: false),
    RuleCase(label: "other group", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["deployments"]), request: resourceRequest("get", "apps", "deployments"), allowed: false),
    RuleCase(label: "verb wildcard", rule: PolicyRule(verbs: ["*"], apiGroups: ["apps"], resources: ["deployments"]), request: resourceRequest("patch", "apps", "deployments"), allowed: true),
    RuleCase(label: "group wildcard", rule: PolicyRule(verbs: ["list"], apiGroups: ["*"], resources: ["deployments"]), request: resourceRequest("list", "apps", "deployments"), allowed: true),
    RuleCase(label: "resource wildcard covers subresources", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["*"]), request: resourceRequest("get", "", "pods", sub: "log"), allowed: true),
    RuleCase(label: "resource does not cover its subresource", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"]), request: resourceRequest("get", "", "pods", sub: "log"), allowed: false),
    RuleCase(label: "resource/subresource", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]), request: resourceRequest("get", "", "pods", sub: "log"), allowed: true),
    RuleCase(label: "resource/subresource does not cover the resource", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]), request: resourceRequest("get", "", "pods"), allowed: false),
    RuleCase(label: "*/subresource", rule: PolicyRule(verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"]), request: resourceRequest("update", "apps", "deployments", sub: "scale"), allowed: true),
    RuleCase(label: "*/subresource does not cover another subresource", rule: PolicyRule(verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"]), request: resourceRequest("update", "apps", "deployments", sub: "status"), allowed: false),
    RuleCase(label: "named object allowed", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"]), request: resourceRequest("get", "", "configmaps", name: "settings"), allowed: true),
    RuleCase(label: "other name refused", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"]), request: resourceRequest("get", "", "configmaps", name: "other"), allowed: false),
    RuleCase(label: "names never grant a list", rule: PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"]), request: resourceRequest("list", "", "configmaps"), allowed: false),
    RuleCase(label: "non-resource exact path", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/version"]), request: RequestAttributes(user: alice, verb: "get", nonResourcePath: "/version"), allowed: true),
    RuleCase(label: "non-resource exact path is not a prefix", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/api"]), request: RequestAttributes(user: alice, verb: "get", nonResourcePath: "/api/v1"), allowed: false),
    RuleCase(label: "non-resource prefix", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/*"]), request: RequestAttributes(user: alice, verb: "get", nonResourcePath: "/apis/apps/v1"), allowed: true),
    RuleCase(label: "non-resource wildcard", rule: PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]), request: RequestAttributes(user: alice, verb: "post", nonResourcePath: "/anything"), allowed: true),
    RuleCase(label: "resource rule never grants a path", rule: PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]), request: RequestAttributes(user: alice, verb: "get", nonResourcePath: "/version"), allowed: false),
    RuleCase(label: "path rule never grants a resource", rule: PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]), request: resourceRequest("get", "", "pods"), allowed: false),
]

@Test("a rule grants exactly what Kubernetes RBAC grants", arguments: ruleCases)
func ruleMatching(_ testCase: RuleCase) {
    #expect(testCase.rule.allows(testCase.request) == testCase.allowed)
}

@Test("a rule survives a round trip through its JSON form")
func ruleJSONRoundTrip() {
    let rule = PolicyRule(verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"])
    #expect(PolicyRule(json: rule.json) == rule)
    #expect(rule.json["nonResourceURLs"] == nil)
}
