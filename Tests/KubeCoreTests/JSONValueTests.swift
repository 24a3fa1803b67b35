import Testing
@testable import KubeCore

@Suite("JSONValue")
struct JSONValueTests {
    @Test("integers keep every digit and fractions stay fractions")
    func numbersRoundTripExactly() throws {
        let value = try JSONValue(parsing: #"{"big":9007199254740993,"neg":-42,"frac":0.25,"exp":1e3}"#)
        #expect(value["big"] == .int(9_007_199_254_740_993))
        #expect(value["neg"] == .int(-42))
        #expect(value["frac"] == .double(0.25))
        #expect(value["exp"] == .double(1000))
        let reparsed = try JSONValue(parsing: value.serialized())
        #expect(reparsed == value)
    }

    @Test("escapes and unicode survive a round trip")
    func stringsRoundTrip() throws {
        let text = #"{"s":"quote \" backslash \\ tab \t nl \n ctrl \u0001 snow \u2603 emoji \ud83d\ude00 /"}"#
        let value = try JSONValue(parsing: text)
        #expect(value["s"]?.stringValue == "quote \" backslash \\ tab \t nl \n ctrl \u{01} snow \u{2603} emoji \u{1F600} /")
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    @Test("malformed documents are rejected with the offset")
    func malformedInputFails() {
        for text in ["{", "{\"a\":}", "[1,]", "tru", "{\"a\":1} x", "\"unterminated", "01x", "{\"a\" 1}"] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue(parsing: text) }
        }
        do {
            _ = try JSONValue(parsing: "[1, 2, ?]")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 7)
        }
    }

    @Test("apiVersion, kind and metadata come first; other keys sorted")
    func serializationOrder() throws {
        let value: JSONValue = ["spec": ["b": 1, "a": 2], "metadata": ["name": "x"], "kind": "Pod", "apiVersion": "v1"]
        #expect(value.serializedString() == #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"a":2,"b":1}}"#)
    }

    @Test("path subscripts read and create nested members")
    func pathAccess() {
        var value: JSONValue = [:]
        value[path: ["metadata", "labels", "app"]] = "web"
        #expect(value[path: ["metadata", "labels", "app"]] == "web")
        value[path: ["metadata", "labels", "app"]] = nil
        #expect(value[path: ["metadata", "labels"]] == .object([:]))
    }
}

@Test("an integral fraction equals the same integer, as JSON numbers do")
func numericEquality() {
    #expect(JSONValue.int(1000) == JSONValue.double(1000))
    #expect(JSONValue.int(1000).hashValue == JSONValue.double(1000).hashValue)
    #expect(JSONValue.int(1) != JSONValue.double(1.5))
    #expect(JSONValue.int(1) != JSONValue.string("1"))
}
