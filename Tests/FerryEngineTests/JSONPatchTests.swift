import FerryEngine
import KubeCore
import Testing

@Suite("JSONPatch")
struct JSONPatchTests {
    @Test("pointer tokens escape ~ as ~0 and / as ~1")
    func escaping() {
        #expect(JSONPatch.escape("kubectl.kubernetes.io/last-applied~x") == "kubectl.kubernetes.io~1last-applied~0x")
        let patch = JSONPatch.diff(
            from: ["metadata": ["annotations": ["a/b": "1", "c~d": "2"]]],
            to: ["metadata": ["annotations": ["c~d": "3"]]]
        )
        #expect(patch == [
            ["op": "remove", "path": "/metadata/annotations/a~1b"],
            ["op": "replace", "path": "/metadata/annotations/c~0d", "value": "3"],
        ])
    }

    @Test("operations sit at the deepest differing path; arrays of changed length are replaced whole")
    func deepestPath() {
        let patch = JSONPatch.diff(
            from: ["spec": ["ports": [["port": 80, "nodePort": 30080]], "ips": ["a", "b"]]],
            to: ["spec": ["ports": [["port": 80]], "ips": ["a"], "new": true]]
        )
        #expect(patch == [
            ["op": "replace", "path": "/spec/ips", "value": ["a"]],
            ["op": "add", "path": "/spec/new", "value": true],
            ["op": "remove", "path": "/spec/ports/0/nodePort"],
        ])
    }

    @Test("identical documents give an empty patch; a changed root is one replace")
    func edges() {
        #expect(JSONPatch.diff(from: ["a": 1], to: ["a": 1]) == [])
        #expect(JSONPatch.diff(from: 1, to: "x") == [["op": "replace", "path": "", "value": "x"]])
    }

    @Test("applying the patch to the input gives the output, for awkward keys and nesting")
    func roundTrip() throws {
        let source: JSONValue = [
            "metadata": ["annotations": ["x/y~z": "1", "keep": "2"], "labels": ["a": "b"]],
            "list": [["n": 1], ["n": 2]], "gone": ["deep": [1, 2]],
        ]
        let target: JSONValue = [
            "metadata": ["annotations": ["keep": "2", "new/one": "3"], "labels": [:]],
            "list": [["n": 1], ["n": 3, "m": nil]], "added": ["k": "v"],
        ]
        let patch = JSONPatch.diff(from: source, to: target)
        #expect(try JSONPatchApplier.apply(patch, to: source) == target)
    }
}
