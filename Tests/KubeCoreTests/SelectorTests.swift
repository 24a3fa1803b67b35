import KubeCore
import Testing

@Suite("Label and field selectors")
struct SelectorTests {
    let labels = ["app": "web", "tier": "front", "env": "prod"]

    @Test("equality operators =, == and != match labels", arguments: [
        ("app=web", true), ("app==web", true), ("app=db", false), ("app!=db", true), ("app!=web", false), ("missing!=x", true),
    ])
    func equality(selector: String, expected: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(labels) == expected)
    }

    @Test("set operators in and notin match labels", arguments: [
        ("env in (prod,staging)", true), ("env in (dev)", false), ("env notin (dev, qa)", true), ("env notin (prod)", false),
        ("missing notin (x)", true), ("missing in (x)", false),
    ])
    func sets(selector: String, expected: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(labels) == expected)
    }

    @Test("existence operators key and !key match labels", arguments: [("app", true), ("!app", false), ("!legacy", true), ("legacy", false)])
    func existence(selector: String, expected: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(labels) == expected)
    }

    @Test("a selector with several requirements needs all of them")
    func conjunction() throws {
        let selector = try LabelSelector(parsing: "app=web, env in (prod,qa),!legacy,tier!=db")
        #expect(selector.requirements.count == 4)
        #expect(selector.matches(labels))
        #expect(!selector.matches(["app": "web", "env": "prod", "legacy": "1"]))
        #expect(try LabelSelector(parsing: "").matches([:]))
    }

    @Test("malformed selectors fail with 400", arguments: ["app in prod", "app in (a", "=web", "app=web,", "a b", "app=we b", "bad key!=x=y"])
    func malformed(selector: String) {
        let error = #expect(throws: KubeAPIError.self) { try LabelSelector(parsing: selector) }
        #expect(error?.code == 400)
    }

    @Test("invalid label values are rejected")
    func invalidValue() {
        let error = #expect(throws: KubeAPIError.self) { try LabelSelector(parsing: "app=-web") }
        #expect(error?.message.contains("Invalid value: \"-web\"") == true)
    }

    @Test("the JSON form reads matchLabels and every matchExpressions operator")
    func jsonForm() throws {
        let json = try JSONValue(parsing: """
            {"matchLabels": {"app": "web"}, "matchExpressions": [
              {"key": "env", "operator": "In", "values": ["prod", "qa"]},
              {"key": "tier", "operator": "NotIn", "values": ["db"]},
              {"key": "app", "operator": "Exists"},
              {"key": "legacy", "operator": "DoesNotExist"}]}
            """)
        let selector = try LabelSelector(json: json)
        #expect(selector.matches(labels))
        #expect(!selector.matches(["app": "web", "env": "dev"]))
        #expect(selector.description == "app=web,env in (prod,qa),tier notin (db),app,!legacy")
        #expect(try LabelSelector(json: .object([:])).matches([:]))
        #expect(throws: KubeAPIError.self) { try LabelSelector(json: ["matchExpressions": [["key": "a", "operator": "In"]]]) }
        #expect(throws: KubeAPIError.self) { try LabelSelector(json: ["matchExpressions": [["key": "a", "operator": "Near"]]]) }
    }

    @Test("field selectors compare dotted paths with =, == and !=")
    func fieldSelectors() throws {
        let pod = try KubeObject(parsing: Array("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"},
             "spec":{"nodeName":"n1","restartPolicy":"Always"},"status":{"phase":"Running"}}
            """.utf8))
        #expect(try FieldSelector(parsing: "metadata.name=p").matches(pod))
        #expect(try FieldSelector(parsing: "metadata.namespace==ns,status.phase!=Pending").matches(pod))
        #expect(try !FieldSelector(parsing: "spec.nodeName=n2").matches(pod))
        #expect(try FieldSelector(parsing: "spec.schedulerName=").matches(pod))
        #expect(try FieldSelector(parsing: "metadata.name=p").requiredValue(of: "metadata.name") == "p")
        #expect(try FieldSelector(parsing: "").isEmpty)
    }

    @Test("field selector values may escape commas and equals signs")
    func fieldEscapes() throws {
        let selector = try FieldSelector(parsing: #"metadata.name=a\,b\=c,type!=x"#)
        #expect(selector.requirements.map(\.value) == ["a,b=c", "x"])
    }

    @Test("a field selector without an operator fails with 400")
    func fieldMalformed() {
        let error = #expect(throws: KubeAPIError.self) { try FieldSelector(parsing: "metadata.name") }
        #expect(error?.code == 400)
    }

    @Test("label selectors evaluate every operator")
    func labelSelectorOperators() throws {
        let selector = try LabelSelector(json: [
            "matchLabels": ["app": "web"],
            "matchExpressions": [
                ["key": "tier", "operator": "In", "values": ["front", "edge"]],
                ["key": "legacy", "operator": "DoesNotExist"],
                ["key": "env", "operator": "NotIn", "values": ["dev"]],
                ["key": "team", "operator": "Exists"],
            ],
        ])
        #expect(selector.matches(["app": "web", "tier": "edge", "team": "a", "env": "prod"]))
        #expect(!selector.matches(["app": "web", "tier": "edge", "team": "a", "env": "dev"]))
        #expect(!selector.matches(["app": "web", "tier": "back", "team": "a"]))
        #expect(!selector.matches(["app": "web", "tier": "edge", "team": "a", "legacy": "yes"]))
        #expect(!selector.matches(["app": "web", "tier": "edge"]))
    }
}

@Suite("KubeTime")
struct KubeTimeTests {
    @Test("formats and parses RFC 3339 UTC timestamps")
    func roundTrip() {
        #expect(KubeTime.format(secondsSince1970: 1_795_237_647) == "2026-11-21T05:07:27Z")
        #expect(KubeTime.parse("2026-11-21T05:07:27Z") == 1_795_237_647)
        #expect(KubeTime.parse("2026-11-21T06:07:27.123+01:00") == 1_795_237_647)
        #expect(KubeTime.parse("yesterday") == nil)
        #expect(KubeTime.now().count == 20)
    }
}
